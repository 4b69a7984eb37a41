import NIOHTTP1

/// A failed exchange: the failure to report, and what had arrived before it (for the `status` tag and `bytes_in`).
struct ExchangeFailure: Error {
    /// The kind and message.
    var failure: HTTPFailure
    /// The response head, when it had come.
    var head: HTTPResponseHead?
    /// Body bytes received before the failure.
    var received: Int

    /// The failure of a plain HTTP/1.1 exchange to `url`, allowed `timeout` seconds.
    init(_ error: any Error, url: String, timeout: Double) {
        guard let error = error as? HTTP1ExchangeError else {
            self.init(failure: HTTPErrorClassifier.failure(error, url: url, timeout: timeout), head: nil, received: 0)
            return
        }
        let failure: HTTPFailure
        switch error.reason {
        case .timeout where error.head != nil:
            failure = HTTPFailure(
                kind: .timeout,
                message: "expected the whole response from \(url) within \(HTTPErrorClassifier.seconds(timeout)), "
                    + "the body was still coming after \(error.received) bytes")
        case .timeout:
            failure = HTTPFailure(
                kind: .timeout, message: "expected a response from \(url) within \(HTTPErrorClassifier.seconds(timeout)), got none")
        case .tooLarge:
            failure = HTTPFailure(kind: .http, message: "expected a body of at most 16 MiB, got more")
        case .closed where Task.isCancelled:
            failure = HTTPFailure(kind: .cancelled, message: "the run stopped during the request to \(url)")
        case .closed:
            failure = HTTPFailure(
                kind: .http, message: "the request to \(url) failed: the server closed the connection before the response was complete")
        case .unusable:
            failure = HTTPFailure(kind: .http, message: "the request to \(url) failed: the connection was not usable")
        case .channel(let underlying):
            failure = HTTPErrorClassifier.failure(underlying, url: url, timeout: timeout)
        }
        self.init(failure: failure, head: error.head, received: error.received)
    }

    /// A failure with what had arrived before it.
    init(failure: HTTPFailure, head: HTTPResponseHead?, received: Int) {
        self.failure = failure
        self.head = head
        self.received = received
    }
}
