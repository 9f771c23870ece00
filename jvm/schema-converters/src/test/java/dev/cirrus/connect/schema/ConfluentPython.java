package dev.cirrus.connect.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Confluent's Python client (confluent-kafka from PyPI) in a virtualenv the project owns, installed
 * on first use and reused while requirements.txt is unchanged, as test/harness/moto.ts does for moto.
 * A missing Python fails the test with the fix, never skips it.
 */
final class ConfluentPython {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path REQUIREMENTS = MODULE.resolve("src/test/python/requirements.txt");
  private static final Path SCRIPT = MODULE.resolve("src/test/python/confluent_interop.py");
  private static final Path VENV = MODULE.resolve("../../.cache/cirrus-confluent-python").normalize();
  private static final String MISSING_PYTHON = "The interoperability test needs Python 3 with venv and pip "
      + "(Debian: apt-get install python3 python3-venv python3-pip; .ci/run installs them when missing).";

  private ConfluentPython() {}

  /** Runs the interop script with these arguments; its standard output, trimmed. */
  static synchronized String run(String... args) throws IOException, InterruptedException {
    Path python = ensureVenv();
    List<String> command = new ArrayList<>(List.of(python.toString(), SCRIPT.toString()));
    command.addAll(List.of(args));
    return exec(command, "running " + SCRIPT.getFileName());
  }

  private static Path ensureVenv() throws IOException, InterruptedException {
    Path python = VENV.resolve("bin/python");
    Path stamp = VENV.resolve("cirrus-installed");
    String wanted = sha256(Files.readString(REQUIREMENTS));
    if (Files.isExecutable(python) && Files.exists(stamp) && Files.readString(stamp).trim().equals(wanted)) return python;
    deleteRecursively(VENV);
    exec(List.of("python3", "-m", "venv", VENV.toString()), "creating the virtualenv");
    exec(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", "-q",
        "-r", REQUIREMENTS.toString()), "installing confluent-kafka");
    Files.writeString(stamp, wanted + "\n");
    return python;
  }

  private static String exec(List<String> command, String what) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new AssertionError(what + " failed (" + e.getMessage() + "). " + MISSING_PYTHON, e);
    }
    process.getOutputStream().close();
    // Read both streams fully before waiting, so neither pipe can fill and block the child.
    var stderr = new java.util.concurrent.CompletableFuture<String>();
    Thread drain = new Thread(() -> {
      try {
        stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        stderr.complete(e.toString());
      }
    });
    drain.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(what + " did not finish in 10 minutes");
    }
    drain.join();
    if (process.exitValue() != 0) {
      throw new AssertionError(what + " failed with exit " + process.exitValue() + ": " + stderr.join()
          + (what.startsWith("running") ? "" : " " + MISSING_PYTHON));
    }
    return stdout.trim();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
