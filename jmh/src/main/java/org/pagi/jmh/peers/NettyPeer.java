package org.pagi.jmh.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty 4.2 peer: NIO transport (no native epoll, like our server), one boss thread accepting, a chosen
 * number of worker threads, and the request body aggregated up to {@value #MAX_BODY_BYTES} bytes before the
 * handler sees it. Run it with {@code java -cp benchmarks.jar org.pagi.jmh.peers.NettyPeer --port 8080
 * --threads 1}. See {@link PeerServer} for what it answers.
 */
public final class NettyPeer implements PeerServer {
    /** The largest request body the aggregator accepts; larger ones get 413 (the load test sends 64 KiB). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;

    private NettyPeer(EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
    }

    /** @return a server listening on {@code host:port} with {@code workerThreads} I/O threads */
    public static NettyPeer start(String host, int port, int workerThreads) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(workerThreads);
        try {
            Channel listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_BODY_BYTES),
                                    new NettyPeerHandler());
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).sync().channel();
            return new NettyPeer(boss, workers, listener);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Starts the server from the command line ({@link PeerArgs}) and serves until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        PeerArgs a = PeerArgs.parse(args);
        PeerServer.serveUntilStopped(start(a.host(), a.port(), a.threads()), "netty", a.host());
    }
}
