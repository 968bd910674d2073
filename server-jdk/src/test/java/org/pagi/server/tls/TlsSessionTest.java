package org.pagi.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pagi.spec.TlsInfo;

/** Two sessions back to back (a JDK client engine and the server's), no sockets: {@link SessionPair}. */
class TlsSessionTest {
    private static TestCertificates certs;
    private static TlsContext server;
    private static SSLContext client;

    @BeforeAll
    static void contexts() throws TlsSetupException {
        certs = TestCertificates.get();
        server = TlsContext.create(certs.serverPem().build());
        client = certs.clientTrusting();
    }

    private static SessionPair established(String... protocols) throws TlsException {
        SessionPair pair = SessionPair.of(server, client, SessionPair.clientParameters(client, protocols));
        pair.settle();
        assertTrue(pair.server.established(), "server handshake done");
        assertTrue(pair.client.established(), "client handshake done");
        return pair;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Nested
    class Handshake {
        @Test
        void carriesBytesBothWaysOverTls13ByDefault() throws Exception {
            SessionPair pair = established();
            pair.send(pair.client, ascii("GET / HTTP/1.1\r\n\r\n"));
            pair.settle();
            assertEquals("GET / HTTP/1.1\r\n\r\n", pair.serverReceived.toString(StandardCharsets.US_ASCII));
            pair.send(pair.server, ascii("HTTP/1.1 200 OK\r\n\r\n"));
            pair.settle();
            assertEquals("HTTP/1.1 200 OK\r\n\r\n", pair.clientReceived.toString(StandardCharsets.US_ASCII));
            assertEquals("TLSv1.3", pair.server.protocol());
        }

        @Test
        void speaksTls12WhenTheClientOffersNothingNewer() throws Exception {
            SessionPair pair = established("TLSv1.2");
            pair.send(pair.client, ascii("ping"));
            pair.settle();
            assertEquals("ping", pair.serverReceived.toString(StandardCharsets.US_ASCII));
            assertEquals("TLSv1.2", pair.server.protocol());
        }

        @Test
        void needsDelegatedTasksSoTheDriverCanRunThemElsewhere() throws Exception {
            SessionPair pair = SessionPair.of(server, client, SessionPair.clientParameters(client));
            ByteBuffer net = pair.pool.take();
            pair.client.wrapPending(net);
            net.flip();
            ByteBuffer app = ByteBuffer.allocate(pair.pool.size());
            pair.server.unwrap(net, app);
            assertTrue(pair.server.needsTasks(), "the ClientHello is read by a delegated task");
            assertFalse(pair.server.established());
        }

        @Test
        void refusesApplicationBytesBeforeTheHandshakeFinished() throws Exception {
            SessionPair pair = SessionPair.of(server, client, SessionPair.clientParameters(client));
            ByteBuffer[] data = {ByteBuffer.wrap(ascii("too early"))};
            assertThrows(TlsException.class, () -> pair.server.wrap(data, 0, 1, pair.pool.take()));
        }
    }

    @Nested
    class Records {
        @ParameterizedTest
        @ValueSource(ints = {1, 13, 1000, 16_000, 70_000})
        void arriveWholeHoweverTheNetworkCutsThem(int chunk) throws Exception {
            SessionPair pair = SessionPair.of(server, client, SessionPair.clientParameters(client));
            pair.chunk = chunk;
            pair.settle();
            byte[] data = new byte[chunk < 20 ? 40_000 : 300_000];
            new Random(chunk).nextBytes(data);
            pair.send(pair.client, data);
            pair.settle();
            assertArrayEquals(data, pair.serverReceived.toByteArray());
            pair.send(pair.server, data);
            pair.settle();
            assertArrayEquals(data, pair.clientReceived.toByteArray());
            assertFalse(pair.server.hasBufferedInput());
        }

        @Test
        void keepsHalfARecordInAPooledBufferOnlyWhileItHoldsBytes() throws Exception {
            SessionPair pair = established();
            ByteBuffer net = pair.pool.take();
            pair.client.wrap(new ByteBuffer[] {ByteBuffer.wrap(ascii("hello"))}, 0, 1, net);
            net.flip();
            ByteBuffer first = net.duplicate().limit(net.position() + 3);
            ByteBuffer rest = net.duplicate().position(net.position() + 3);
            ByteBuffer app = ByteBuffer.allocate(pair.pool.size());
            pair.server.unwrap(first, app);
            assertTrue(pair.server.hasBufferedInput());
            assertEquals(0, app.position());
            pair.server.unwrap(rest, app);
            assertFalse(pair.server.hasBufferedInput());
            app.flip();
            assertEquals("hello", StandardCharsets.US_ASCII.decode(app).toString());
        }
    }

    @Nested
    class Closing {
        @Test
        void theServersCloseNotifyReachesTheClient() throws Exception {
            SessionPair pair = established();
            pair.server.closeOutbound();
            assertTrue(pair.server.wantsWrap(), "close_notify waits to be written");
            pair.settle();
            assertTrue(pair.server.outboundDone());
            assertTrue(pair.clientEngine.isInboundDone(), "the client read close_notify");
        }

        @Test
        void theClientsCloseNotifyEndsTheServersInput() throws Exception {
            SessionPair pair = established();
            pair.clientEngine.closeOutbound();
            pair.settle();
            assertTrue(pair.server.inboundDone());
        }

        @Test
        void applicationBytesAfterCloseFailTheWrap() throws Exception {
            SessionPair pair = established();
            pair.server.closeOutbound();
            pair.settle();
            ByteBuffer[] data = {ByteBuffer.wrap(ascii("late"))};
            assertThrows(TlsException.class, () -> pair.server.wrap(data, 0, 1, pair.pool.take()));
        }
    }

    @Nested
    class Refusals {
        @Test
        void renegotiationInTls12() throws Exception {
            SessionPair pair = established("TLSv1.2");
            pair.clientEngine.beginHandshake();
            TlsException e = assertThrows(TlsException.class, pair::settle);
            assertTrue(e.getMessage().contains("renegotiate"), e.getMessage());
        }

        @Test
        void aTls11ClientHelloWithAProtocolVersionAlert() throws Exception {
            TlsSession s = server.newSession();
            s.unwrap(ByteBuffer.wrap(ClientHellos.tls11()), ByteBuffer.allocate(server.buffers().size()));
            assertTrue(s.needsTasks());
            s.runTasks();
            assertTrue(s.wantsWrap());
            // the engine reports a failed task at the next wrap, then writes its alert
            TlsException e = assertThrows(TlsException.class, () -> s.wrapPending(server.buffers().take()));
            assertTrue(e.getMessage().contains("TLSv1.1"), e.getMessage());
            assertEquals(List.of(21, 2, 70), alert(s, server.buffers()), "fatal protocol_version alert");
        }

        @Test
        void plainHttpWithoutAnAlert() throws Exception {
            TlsSession s = server.newSession();
            ByteBuffer request = ByteBuffer.wrap(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            TlsException e = assertThrows(TlsException.class,
                    () -> s.unwrap(request, ByteBuffer.allocate(server.buffers().size())));
            assertEquals("not TLS: the first byte is 0x47, not a handshake record", e.getMessage());
            assertFalse(s.wantsWrap(), "no alert for a client that would not understand it");
        }

        /** @return content type, level and description of the alert record the session has waiting */
        private static List<Integer> alert(TlsSession s, BufferPool pool) throws TlsException {
            ByteBuffer net = pool.take();
            s.wrapPending(net);
            net.flip();
            return List.of((int) net.get(0), (int) net.get(5), (int) net.get(6));
        }
    }

    @Nested
    class Alpn {
        @Test
        void choosesHttp11WhenTheClientAlsoOffersH2() throws Exception {
            SSLParameters p = SessionPair.clientParameters(client);
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            SessionPair pair = SessionPair.of(server, client, p);
            pair.settle();
            assertEquals(Optional.of("http/1.1"), pair.server.applicationProtocol());
            assertEquals("http/1.1", pair.clientEngine.getApplicationProtocol());
        }

        @Test
        void choosesNothingForAClientWithoutAlpn() throws Exception {
            SessionPair pair = established();
            assertEquals(Optional.empty(), pair.server.applicationProtocol());
        }

        @Test
        void refusesAClientThatOffersOnlyOtherProtocols() throws Exception {
            SSLParameters p = SessionPair.clientParameters(client);
            p.setApplicationProtocols(new String[] {"h2"});
            SessionPair pair = SessionPair.of(server, client, p);
            assertThrows(TlsException.class, pair::settle);
        }
    }

    @Nested
    class Facts {
        @Test
        void reportVersionCipherAndServerCertificateAsTheExtensionWantsThem() throws Exception {
            SessionPair pair = established();
            TlsInfo info = pair.server.info();
            assertEquals(OptionalInt.of(0x0304), info.tlsVersion());
            assertEquals(TlsNumbers.cipherSuite(pair.server.cipherSuite()), info.cipherSuite());
            assertTrue(info.cipherSuite().isPresent());
            assertEquals(Optional.of(Files.readString(certs.file("server-cert.pem"))), info.serverCert());
            assertEquals(List.of(), info.clientCertChain());
            assertEquals(Optional.empty(), info.clientCertName());
            assertEquals(Optional.empty(), info.clientCertError());
        }

        @Test
        void reportTls12AsItsWireNumber() throws Exception {
            assertEquals(OptionalInt.of(0x0303), established("TLSv1.2").server.info().tlsVersion());
        }

        @Test
        void reportTheServerNameTheClientAskedFor() throws Exception {
            // A fresh client: the JDK's client resends the server name of a session it resumes, here none.
            SSLContext fresh = certs.clientTrusting();
            SSLParameters p = SessionPair.clientParameters(fresh);
            p.setServerNames(List.of(new SNIHostName("pagi.example")));
            SessionPair pair = SessionPair.of(server, fresh, p);
            pair.settle();
            assertEquals(Optional.of("pagi.example"), pair.server.serverName());
        }

        @Test
        void reportNoServerNameWhenTheClientSentNone() throws Exception {
            assertEquals(Optional.empty(), established().server.serverName());
        }
    }

    @Nested
    class ClientCertificates {
        private TlsContext asking(ClientAuth mode) throws TlsSetupException {
            return TlsContext.create(certs.serverPem().caBundle(certs.file("ca.pem")).clientAuth(mode).build());
        }

        @Test
        void requiredRefusesAClientWithout() throws Exception {
            SessionPair pair = SessionPair.of(asking(ClientAuth.REQUIRE), client, SessionPair.clientParameters(client));
            assertThrows(TlsException.class, pair::settle);
            assertFalse(pair.server.established());
        }

        @Test
        void requiredShowsTheChainAndSubjectOfAClientWithOne() throws Exception {
            SSLContext alice = certs.clientWithCertificate();
            SessionPair pair = SessionPair.of(asking(ClientAuth.REQUIRE), alice, SessionPair.clientParameters(alice));
            pair.settle();
            TlsInfo info = pair.server.info();
            assertEquals(Optional.of("CN=alice,O=Example"), info.clientCertName());
            assertEquals(2, info.clientCertChain().size(), "the client's certificate, then its CA's");
            assertEquals(Files.readString(certs.file("ca.pem")).replace("\r", "").strip(),
                    info.clientCertChain().get(1).strip());
        }

        @Test
        void requestedLetsAClientWithoutOneIn() throws Exception {
            SessionPair pair = SessionPair.of(asking(ClientAuth.REQUEST), client, SessionPair.clientParameters(client));
            pair.settle();
            assertTrue(pair.server.established());
            assertEquals(List.of(), pair.server.info().clientCertChain());
        }

        @Test
        void requestedShowsTheCertificateOfAClientWithOne() throws Exception {
            SSLContext alice = certs.clientWithCertificate();
            SessionPair pair = SessionPair.of(asking(ClientAuth.REQUEST), alice, SessionPair.clientParameters(alice));
            pair.settle();
            assertEquals(Optional.of("CN=alice,O=Example"), pair.server.info().clientCertName());
        }
    }
}
