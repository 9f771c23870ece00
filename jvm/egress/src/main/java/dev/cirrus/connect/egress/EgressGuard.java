package dev.cirrus.connect.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The engine's side of the egress rule the control plane checks at validation
 * (src/core/catalog/endpoints.ts): never a link-local, metadata or unspecified address, and this
 * host's loopback (where Cirrus's API, brokers and Connect REST listen) only when the operator
 * allows it. Validation sees what a name resolved to then; a name whose answer changes later (DNS
 * rebinding, a short TTL) is caught here, checked before every request. The check's lookup fills
 * the JVM's address cache (networkaddress.cache.ttl), which the HTTP client's own lookup then reads,
 * so the request goes to an address that was checked.
 *
 * <p>One class for every connector that calls a configured host (jvm/http-sink, jvm/s3-sink), so
 * the rule cannot differ between them.
 */
public final class EgressGuard {
    /**
     * The connector config key that allows loopback. Set by the control plane, not by users, and
     * only when CIRRUS_EGRESS_LOOPBACK allows it (src/core/catalog toEngineConfig).
     */
    public static final String LOOPBACK_CONFIG = "cirrus.egress.loopback";
    public static final String LOOPBACK_DOC =
            "Whether the endpoint may resolve to this host's loopback; link-local and metadata addresses never may.";

    /** Resolves a host name; the system resolver in production, a table in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The link-local IPv6 address AWS serves instance metadata at, outside fe80::/10. */
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    private final boolean allowLoopback;
    private final Resolver resolver;

    EgressGuard(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    public EgressGuard(boolean allowLoopback) {
        this(allowLoopback, InetAddress::getAllByName);
    }

    /** Throws when `host` stands for an address this connector must not call. */
    public void check(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return; // nothing to judge: the request itself fails, and is retried, as any unreachable host
        }
        for (InetAddress address : addresses) {
            String problem = problem(address);
            if (problem != null) {
                throw new EgressRefusedException("Refusing to send to " + host + ": it resolves to " + address.getHostAddress()
                        + ", " + problem);
            }
        }
    }

    private String problem(InetAddress address) {
        if (address.isLinkLocalAddress() || isAwsMetadata(address)) return "a link-local or metadata address, which is never allowed";
        if (address.isAnyLocalAddress()) return "the unspecified address, which is never allowed";
        if (address.isLoopbackAddress() && !allowLoopback) {
            return "this host's loopback, which is not allowed (the operator can allow it with CIRRUS_EGRESS_LOOPBACK=true)";
        }
        return null;
    }

    private static boolean isAwsMetadata(InetAddress address) {
        return address instanceof Inet6Address && Arrays.equals(address.getAddress(), AWS_METADATA_V6);
    }
}
