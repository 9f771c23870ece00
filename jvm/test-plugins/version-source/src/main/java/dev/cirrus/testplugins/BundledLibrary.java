package dev.cirrus.testplugins;

import java.security.CodeSource;

import org.apache.commons.lang3.StringUtils;

/**
 * The commons-lang3 that this plugin's class loader resolved: read off the class actually loaded
 * (its jar's manifest and location), never off a constant compiled in.
 */
final class BundledLibrary {
    static final String NAME = "commons-lang3";

    private BundledLibrary() {
    }

    static String version() {
        Package lang3 = StringUtils.class.getPackage();
        String version = lang3 == null ? null : lang3.getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** The file name of the jar the class came from, e.g. commons-lang3-3.17.0.jar. */
    static String jar() {
        CodeSource source = StringUtils.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        String path = source.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
