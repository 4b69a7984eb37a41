import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Sorts what AsyncHTTPClient and SwiftNIO throw into the `http` adapter's error kinds.
enum HTTPErrorClassifier {
    /// The failure `error` means, for a request to `url` allowed `timeout` seconds.
    static func failure(_ error: any Error, url: String, timeout: Double) -> HTTPFailure {
        if Task.isCancelled || error is CancellationError {
            return HTTPFailure(kind: .cancelled, message: "the run stopped during the request to \(url)")
        }
        switch error {
        case let error as HTTPClientError:
            return failure(error, url: url, timeout: timeout)
        case let error as NIOConnectionError:
            return HTTPFailure(kind: .connect, message: "could not connect to \(url): \(error)")
        case let error as IOError where connectionErrnos.contains(error.errnoCode):
            return HTTPFailure(kind: .connect, message: "could not connect to \(url): \(error)")
        case ChannelError.connectTimeout(let amount):
            return HTTPFailure(
                kind: .connect, message: "could not connect to \(url) within \(Double(amount.nanoseconds) / 1e9)s")
        default:
            return HTTPFailure(kind: .http, message: "the request to \(url) failed: \(error)")
        }
    }

    /// Seconds as short text: `0.2s`, `30s`.
    static func seconds(_ value: Double) -> String {
        let milliseconds = (value * 1000).rounded()
        if milliseconds.truncatingRemainder(dividingBy: 1000) == 0 { return "\(Int64(milliseconds / 1000))s" }
        return "\(milliseconds / 1000)s"
    }

    /// Error numbers meaning that no connection could be made.
    private static let connectionErrnos: Set<CInt> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT, EADDRNOTAVAIL]

    private static func failure(_ error: HTTPClientError, url: String, timeout: Double) -> HTTPFailure {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
            return HTTPFailure(kind: .timeout, message: "expected a response from \(url) within \(seconds(timeout)), got none (\(error))")
        case .connectTimeout, .tlsHandshakeTimeout:
            return HTTPFailure(kind: .connect, message: "could not connect to \(url): \(error)")
        case .cancelled:
            return HTTPFailure(kind: .cancelled, message: "the request to \(url) was cancelled")
        case .invalidURL, .emptyHost, .emptyScheme:
            return HTTPFailure(kind: .invalidRequest, message: "'\(url)' is not a usable URL (\(error))")
        default:
            return HTTPFailure(kind: .http, message: "the request to \(url) failed: \(error)")
        }
    }
}
