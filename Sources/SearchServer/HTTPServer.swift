import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SearchWeb
import Synchronization

/// The server's bounds: what one client, or many, can make it hold.
enum ServerLimits {
    /// Connections open at once; one more is closed as soon as it is accepted. Each holds at most
    /// one request's head and one response, so memory stays bounded however many requests come.
    static let maximumConnections = 256
    /// The request line and headers: the URL may take `WebRequest.maximumTargetBytes` of them.
    static let decoder: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 16 * 1024
        limits.maxHeaderListSize = 32 * 1024
        limits.maxHeaderFieldCount = 100
        return limits
    }()
    /// How long a connection may take to send a request's head, from its opening or from the
    /// last answer, and to make room for an answer (a slow client, a client that does not read
    /// its answers, or an idle keep-alive connection is closed then).
    static let requestHeadTimeout = TimeAmount.seconds(10)
    /// How long requests under way may take to finish once the server is asked to stop.
    static let stopGrace = TimeAmount.seconds(5)
}

/// What the connections share: how many are open, how many requests are being answered, and
/// whether the server is stopping (answers then close their connection).
final class ServerActivity: Sendable {
    private let connections = Atomic<Int>(0)
    private let requests = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    /// Counts a new connection in; false when there are too many already.
    func connectionOpened() -> Bool {
        connections.add(1, ordering: .relaxed).newValue <= ServerLimits.maximumConnections
    }

    func connectionClosed() { connections.subtract(1, ordering: .relaxed) }
    func requestStarted() { requests.add(1, ordering: .relaxed) }
    func requestEnded() { requests.subtract(1, ordering: .relaxed) }
    var requestsUnderWay: Int { requests.load(ordering: .relaxed) }
    var isStopping: Bool { stopping.load(ordering: .relaxed) }
    func stop() { stopping.store(true, ordering: .relaxed) }
}

/// `SearchSite` over HTTP/1.1: one event loop for the connections, `readers` threads for the
/// queries (each with its own connection to the index).
final class HTTPServer: Sendable {
    let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let readers: NIOThreadPool
    private let activity: ServerActivity

    /// Binds `host:port` (port 0: any free port) and starts answering.
    init(site: @escaping @Sendable (HostPolicy) -> SearchSite, host: String, port: Int, readers count: Int) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let readers = NIOThreadPool(numberOfThreads: count)
        readers.start()
        let activity = ServerActivity()
        // The host policy depends on the address bound, known once bound: the site is made then.
        let answering = SiteBox()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(ServerLimits.maximumConnections))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 1)
            .childChannelInitializer { channel in
                guard activity.connectionOpened(), let site = answering.site else {
                    activity.connectionClosed()
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in activity.connectionClosed() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: true, withOutboundHeaderValidation: true,
                        withEncoderConfiguration: .init(), withDecoderLimitConfiguration: ServerLimits.decoder)
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHandler(site: site, readers: readers, activity: activity))
                }
            }
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            try? readers.syncShutdownGracefully()
            throw error
        }
        answering.site = site(Self.isLoopback(channel.localAddress) ? .loopbackOnly : .any)
        self.group = group
        self.readers = readers
        self.activity = activity
    }

    /// The address clients use: `http://127.0.0.1:8080/`.
    var url: String {
        guard let address = channel.localAddress, let ip = address.ipAddress, let port = address.port else { return "?" }
        if case .v6 = address { return "http://[\(ip)]:\(port)/" }
        return "http://\(ip):\(port)/"
    }

    /// Stops accepting connections, lets the requests under way finish (up to
    /// `ServerLimits.stopGrace`), then closes everything.
    func stop() {
        activity.stop()
        try? channel.close().wait()
        let deadline = NIODeadline.now() + ServerLimits.stopGrace
        while activity.requestsUnderWay > 0 && NIODeadline.now() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        try? group.syncShutdownGracefully()
        try? readers.syncShutdownGracefully()
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        switch address {
        case .v4(let v4)?: return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
        case .v6?: return address?.ipAddress == "::1"
        default: return false
        }
    }
}

/// The site, set once the address is bound, read by each new connection.
private final class SiteBox: Sendable {
    private let value = Mutex<SearchSite?>(nil)

    var site: SearchSite? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
