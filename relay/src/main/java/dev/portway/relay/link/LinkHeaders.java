package dev.portway.relay.link;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;

/**
 * The headers that open a stream of an {@link AgentLink} and answer it. A stream is an HTTP/2 {@code CONNECT}
 * (RFC 9113, section 8.5: a tunnel for one TCP connection): the edge names the endpoint whose upstream the
 * agent must dial; the agent answers {@code 200} once connected, or {@code 502} with the reason and END_STREAM.
 */
public final class LinkHeaders {

    static final AsciiString ENDPOINT_ID = AsciiString.cached("portway-endpoint-id");
    static final AsciiString CLIENT = AsciiString.cached("portway-client");
    static final AsciiString SERVER = AsciiString.cached("portway-server");
    static final AsciiString ERROR = AsciiString.cached("portway-error");

    private LinkHeaders() {}

    /**
     * What the edge asks of the agent for one client connection.
     *
     * @param endpointId the agent's endpoint; the agent dials that endpoint's upstream (never an address
     *     chosen by the edge)
     * @param clientAddress "ip:port" of the client as the edge saw it, for the agent's logs
     * @param serverAddress "ip:port" the client connected to
     */
    public record Open(String endpointId, String clientAddress, String serverAddress) {

        public Http2Headers toHeaders() {
            return new DefaultHttp2Headers()
                    .method(HttpMethod.CONNECT.asciiName())
                    .authority(endpointId)
                    .add(ENDPOINT_ID, endpointId)
                    .add(CLIENT, clientAddress)
                    .add(SERVER, serverAddress);
        }

        /** @throws IllegalArgumentException when the stream is not a Portway CONNECT */
        public static Open of(Http2Headers headers) {
            if (!HttpMethod.CONNECT.asciiName().contentEquals(headers.method())) {
                throw new IllegalArgumentException("stream method is " + headers.method() + ", expected CONNECT");
            }
            CharSequence endpointId = headers.get(ENDPOINT_ID);
            if (endpointId == null || endpointId.length() == 0) {
                throw new IllegalArgumentException("stream names no endpoint (" + ENDPOINT_ID + ")");
            }
            return new Open(endpointId.toString(), text(headers.get(CLIENT)), text(headers.get(SERVER)));
        }
    }

    /** The agent reached the upstream: bytes may flow. */
    public static Http2Headers connected() {
        return new DefaultHttp2Headers().status(HttpResponseStatus.OK.codeAsText());
    }

    /** The agent could not serve the stream; sent with END_STREAM. */
    public static Http2Headers refused(String reason) {
        return new DefaultHttp2Headers()
                .status(HttpResponseStatus.BAD_GATEWAY.codeAsText())
                .add(ERROR, printable(reason));
    }

    /** Null when {@code answer} says connected, else the agent's reason. */
    public static String refusal(Http2Headers answer) {
        if (HttpResponseStatus.OK.codeAsText().contentEquals(answer.status())) {
            return null;
        }
        CharSequence error = answer.get(ERROR);
        return error == null ? "the agent answered " + answer.status() : error.toString();
    }

    private static String text(CharSequence value) {
        return value == null ? "" : value.toString();
    }

    /** Header values must not carry control characters (an exception's message may). */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }
}
