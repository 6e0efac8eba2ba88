package dev.portway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portway.api.v1.ReleaseAddressRequest;
import dev.portway.api.v1.ReserveAddressRequest;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code portway addresses} against a real gRPC AddressService fake. */
class AddressesCommandTest {

    private FakeAllocator allocator;

    @BeforeEach
    void setUp() throws Exception {
        allocator = new FakeAllocator();
    }

    @AfterEach
    void tearDown() throws Exception {
        allocator.close();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--allocator", allocator.address(), "--authtoken", "tok-1"}, 0, all,
                args.length, 4);
        return CliRun.of(all);
    }

    @Test
    void shouldReserveAndPrintUrlAndId() {
        // When
        CliRun run = run("addresses", "reserve", "--host", "1.tcp.portway.local", "--port", "20001",
                "--description", "postgres");

        // Then
        assertEquals(Cli.OK, run.exitCode(), run.err());
        assertEquals("url: tcp://1.tcp.portway.local:20001\nid: a9\n", run.out());
        ReserveAddressRequest request = (ReserveAddressRequest) allocator.requests.get(0);
        assertEquals("1.tcp.portway.local", request.getHost());
        assertEquals(20001, request.getPort());
        assertEquals("postgres", request.getDescription());
        assertEquals(List.of("Bearer tok-1"), allocator.authorizations);
    }

    @Test
    void shouldPrintGrpcErrorWithStatusCodeAndExit1() {
        // Given an allocator that refuses
        allocator.refuseWith = Status.ALREADY_EXISTS.withDescription("port: 20001 is already reserved; pick another");

        // When
        CliRun run = run("addresses", "reserve", "--port", "20001");

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertEquals("error: ALREADY_EXISTS: port: 20001 is already reserved; pick another\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldRefusePortOutOfRangeBeforeCalling() {
        // When
        CliRun run = run("addresses", "reserve", "--port", "70000");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: --port: port 70000 is out of range"), run.err());
        assertTrue(allocator.requests.isEmpty());
    }

    @Test
    void shouldListEveryPageAsTable() {
        // When
        CliRun run = run("addresses", "list");

        // Then every address of both pages is a row under the header
        assertEquals(Cli.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).matches("ID\\s+URL\\s+KIND\\s+DESCRIPTION\\s+CREATED"), lines.get(0));
        assertTrue(lines.get(1).matches("a1\\s+tcp://1.tcp.portway.local:20001\\s+reserved\\s+postgres\\s+2026-.*Z"),
                lines.get(1));
        assertTrue(lines.get(2).matches("a2\\s+tcp://1.tcp.portway.local:20002\\s+ephemeral\\s+-\\s+2026-.*Z"),
                lines.get(2));
        assertTrue(lines.get(3).contains("ssh bastion"), lines.get(3));
        assertEquals(2, allocator.requests.size());
    }

    @Test
    void shouldReleaseByHostPortOrById() {
        // When
        CliRun byPlace = run("addresses", "release", "1.tcp.portway.local:20001");
        CliRun byUrl = run("addresses", "release", "tcp://1.tcp.portway.local:20001");
        CliRun byId = run("addresses", "release", "a1");

        // Then
        assertEquals(Cli.OK, byPlace.exitCode(), byPlace.err());
        assertEquals("released: tcp://1.tcp.portway.local:20001\nid: a1\n", byPlace.out());
        ReleaseAddressRequest first = (ReleaseAddressRequest) allocator.requests.get(0);
        assertEquals("1.tcp.portway.local", first.getAddress().getHostPort().getHost());
        assertEquals(20001, first.getAddress().getHostPort().getPort());
        ReleaseAddressRequest second = (ReleaseAddressRequest) allocator.requests.get(1);
        assertEquals(20001, second.getAddress().getHostPort().getPort());
        assertEquals(Cli.OK, byId.exitCode(), byId.err());
        assertEquals("a1", ((ReleaseAddressRequest) allocator.requests.get(2)).getAddress().getId());
    }

    @Test
    void shouldReportUnreachableAllocatorAsUnavailable() {
        // When
        CliRun run = CliRun.of("addresses", "list", "--allocator", "127.0.0.1:1", "--authtoken", "t");

        // Then
        assertEquals(Cli.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("error: UNAVAILABLE: cannot reach the allocator at 127.0.0.1:1"), run.err());
    }

    @Test
    void shouldRefuseMissingAuthtoken() {
        // Given no authtoken in the environment
        assumeTrue(System.getenv("PORTWAY_AUTHTOKEN") == null, "PORTWAY_AUTHTOKEN is set here");

        // When
        CliRun run = CliRun.of("addresses", "list", "--allocator", allocator.address());

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().contains("PORTWAY_AUTHTOKEN"), run.err());
        assertTrue(allocator.requests.isEmpty());
    }

    @Test
    void shouldRequireASubcommand() {
        // When
        CliRun run = CliRun.of("addresses");

        // Then
        assertEquals(Cli.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("error: missing command: use reserve, release or list"), run.err());
    }
}
