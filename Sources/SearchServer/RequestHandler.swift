import NIOCore
import NIOHTTP1
import NIOPosix
import SearchWeb

/// Answers the requests of one connection, one at a time (`HTTPServerPipelineHandler` holds the
/// next one back until this one is answered): the site runs on the readers' thread pool, never
/// on the event loop, and its response is written back here.
///
/// Limits, beside the decoder's (`ServerLimits`): a request's head must arrive within
/// `ServerLimits.requestHeadTimeout` of the connection opening or the last answer, or the
/// connection is closed (a slow client holds nothing for long); a request with a body is
/// answered 413 and the connection closed, as nothing here reads a body.
///
/// A client that sends requests but does not read the answers (pipelining them, say) gets no
/// more answers than its socket takes: a request read while the connection cannot take more
/// bytes (`isWritable`, past NIO's high-water mark) waits, unanswered, until it can, and the
/// connection is not read meanwhile (the pipelining handler reads on only once an answer ends).
/// Unread answers would otherwise pile up in memory as fast as the readers make them. It waits
/// `ServerLimits.requestHeadTimeout` at most, as an unsent answer does: then the connection closes.
final class RequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let site: SearchSite
    private let readers: NIOThreadPool
    private let activity: ServerActivity
    private var head: HTTPRequestHead?
    private var refusedBody = false
    private var deadline: Scheduled<Void>?
    /// A request read while the connection could take no more bytes: answered once it can.
    private var waiting: HTTPRequestHead?

    init(site: SearchSite, readers: NIOThreadPool, activity: ServerActivity) {
        self.site = site
        self.readers = readers
        self.activity = activity
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startDeadline(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startDeadline(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            deadline?.cancel()
            self.head = head
            refusedBody = false
        case .body:
            guard !refusedBody, let head else { return }
            refusedBody = true
            let response = site.failure(WebError(status: .payloadTooLarge, "request bodies are not read here"), isAPI: false)
            write(response, for: head, keepAlive: false, context: context)
        case .end:
            guard let head, !refusedBody else { return }
            self.head = nil
            if context.channel.isWritable {
                answer(head, context: context)
            } else {
                waiting = head
                startDeadline(context)
            }
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let waiting {
            self.waiting = nil
            deadline?.cancel()
            answer(waiting, context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    private func answer(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let site = site
        let method = head.method.rawValue
        let target = head.uri
        let host = head.headers.first(name: "host")
        activity.requestStarted()
        readers.runIfActive(eventLoop: context.eventLoop) {
            site.respond(method: method, target: target, host: host)
        }.assumeIsolated().whenComplete { result in
            self.activity.requestEnded()
            let response: WebResponse
            switch result {
            case .success(let answered): response = answered
            case .failure: response = site.failure(WebError(status: .serviceUnavailable, "the server is stopping"), isAPI: false)
            }
            self.write(response, for: head, keepAlive: head.isKeepAlive && !self.activity.isStopping, context: context)
        }
    }

    private func write(_ response: WebResponse, for request: HTTPRequestHead, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status.rawValue, reasonPhrase: response.status.reason)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            var body = context.channel.allocator.buffer(capacity: response.body.count)
            body.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        // Kept alive, the next request must come in time; closing, the answer must be taken in
        // time (a client that never reads would otherwise hold the connection for good).
        startDeadline(context)
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Closes the connection unless a request's head arrives (or the answer is taken) in time.
    private func startDeadline(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: ServerLimits.requestHeadTimeout) {
            channel.close(promise: nil)
        }
    }
}
