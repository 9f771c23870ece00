package dev.cirrus.connect.egress;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EgressGuardTest {
    /** A resolver whose answers the test changes, as a rebinding DNS server would. */
    private final Map<String, String[]> dns = new HashMap<>();

    private EgressGuard guard(boolean allowLoopback) {
        return new EgressGuard(allowLoopback, (host) -> {
            String[] answer = dns.get(host);
            if (answer == null) throw new UnknownHostException(host);
            InetAddress[] addresses = new InetAddress[answer.length];
            for (int i = 0; i < answer.length; i++) addresses[i] = InetAddress.getByName(answer[i]);
            return addresses;
        });
    }

    private static void refused(EgressGuard guard, String host, String why) {
        EgressRefusedException e = assertThrows(EgressRefusedException.class, () -> guard.check(host));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aNameThatRebindsToMetadataIsRefusedAtTheNextRequest() {
        EgressGuard guard = guard(true);
        dns.put("hooks.example.com", new String[] {"93.184.215.14"});
        assertDoesNotThrow(() -> guard.check("hooks.example.com"));
        dns.put("hooks.example.com", new String[] {"169.254.169.254"});
        refused(guard, "hooks.example.com", "metadata");
    }

    @Test
    void anyRefusedAddressAmongSeveralRefusesTheName() {
        dns.put("mixed.example.com", new String[] {"93.184.215.14", "127.0.0.1"});
        refused(guard(false), "mixed.example.com", "loopback");
        assertDoesNotThrow(() -> guard(true).check("mixed.example.com"));
    }

    @Test
    void linkLocalMetadataAndUnspecifiedAreNeverAllowed() {
        dns.put("v6meta", new String[] {"fd00:ec2::254"});
        dns.put("v6ll", new String[] {"fe80::1"});
        dns.put("zero", new String[] {"0.0.0.0"});
        dns.put("mapped", new String[] {"::ffff:169.254.169.254"});
        for (String host : new String[] {"v6meta", "v6ll", "mapped"}) refused(guard(true), host, "link-local or metadata");
        refused(guard(true), "zero", "unspecified");
    }

    @Test
    void addressLiteralsAreJudgedToo() {
        EgressGuard guard = new EgressGuard(false);
        refused(guard, "127.0.0.1", "loopback");
        refused(guard, "[::1]", "loopback");
        refused(guard, "169.254.169.254", "metadata");
        assertDoesNotThrow(() -> guard.check("93.184.215.14"));
    }

    @Test
    void anUnresolvableNameIsLeftToTheRequest() {
        assertDoesNotThrow(() -> guard(false).check("nowhere.invalid"));
    }

    @Test
    void aRefusalIsFoundUnderTheExceptionsAClientWrapsItIn() {
        EgressRefusedException refused = new EgressRefusedException("Refusing to send to x");
        RuntimeException wrapped = new IllegalStateException("client failure", new RuntimeException("attempt", refused));
        assertSame(refused, EgressRefusedException.in(wrapped));
        assertNull(EgressRefusedException.in(new RuntimeException("connection refused")));
    }
}
