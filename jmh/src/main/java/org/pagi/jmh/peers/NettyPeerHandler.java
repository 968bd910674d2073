package org.pagi.jmh.peers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Answers one aggregated request at a time. Responses are written in {@code channelRead} and flushed once per
 * read in {@code channelReadComplete}, the usual Netty pattern: pipelined requests that arrived in one read
 * leave in one write. A response that closes the connection is flushed at once and the channel closed after it.
 * One instance per channel (not {@code @Sharable}), though it keeps no state.
 */
final class NettyPeerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(PeerServer.HELLO.length).writeBytes(PeerServer.HELLO)).asReadOnly();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullHttpResponse bad = text(HttpResponseStatus.BAD_REQUEST, "bad request");
            bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FullHttpResponse response = answer(request);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (HttpUtil.isKeepAlive(request)) {
            // HTTP/1.0 keeps the connection only when both sides say keep-alive (RFC 9112 section 9.3).
            if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse answer(FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return switch (path) {
            case "/" -> request.method().equals(HttpMethod.GET)
                    ? response(HttpResponseStatus.OK, "text/plain", HELLO.duplicate())
                    : text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            case "/echo" -> request.method().equals(HttpMethod.POST)
                    // The aggregated body is released after channelRead0; the response keeps its own reference.
                    ? response(HttpResponseStatus.OK, "application/octet-stream", request.content().retainedDuplicate())
                    : text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            default -> text(HttpResponseStatus.NOT_FOUND, "not found");
        };
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, "text/plain", Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the load generator at the end of a run is normal; nothing to report, just drop the connection.
        ctx.close();
    }
}
