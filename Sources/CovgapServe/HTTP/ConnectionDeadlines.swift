import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow to be anyone but an attacker holding it open: a request head must
/// arrive within `headSeconds` of the connection opening (or of the previous response), and the rest of the request
/// within `requestSeconds` of its head. Idle keep-alive connections are closed by the server's idle timeout.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headSeconds: Int64, requestSeconds: Int64
    private var timer: Scheduled<Void>?

    /// Deadlines of `headSeconds` for a request head and `requestSeconds` for the body after it.
    init(headSeconds: Int, requestSeconds: Int) {
        self.headSeconds = Int64(headSeconds)
        self.requestSeconds = Int64(requestSeconds)
    }

    func handlerAdded(context: ChannelHandlerContext) { arm(context, seconds: headSeconds) }

    func handlerRemoved(context: ChannelHandlerContext) { cancel() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(context, seconds: requestSeconds)
        case .end: cancel()
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, seconds: headSeconds) }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, seconds: Int64) {
        cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(seconds)) { context.close(promise: nil) }
    }

    private func cancel() {
        timer?.cancel()
        timer = nil
    }
}
