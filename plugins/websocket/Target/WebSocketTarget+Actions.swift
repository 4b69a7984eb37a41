import HTTPTypes
import StampedePluginAPI

extension WebSocketTarget {
    /// `connect`: opens the player's connection, closing its previous one (in the background, so that the
    /// latency is the time to open).
    func connect(_ request: ActionRequest, session: WebSocketSession) async -> ActionOutcome {
        let url = configuration.url(path: request.string("path"))
        var headers = HTTPFields()
        for (name, value) in request.parameters["headers"]?.map ?? [:] {
            guard let fieldName = HTTPField.Name(name) else {
                return WebSocketFailure(.websocket, "header '\(name)' is not a valid header name").outcome()
            }
            headers.append(HTTPField(name: fieldName, value: value.text ?? ""))
        }
        session.replace(with: nil)?.requestClose()
        let opened = await WebSocketConnection.open(
            url: url, headers: headers, timeout: configuration.connectTimeout, registry: registry, drops: drops
        )
        switch opened {
        case .success(let connection):
            session.replace(with: connection)?.requestClose()
            return .ok()
        case .failure(let failure):
            return failure.outcome()
        }
    }

    /// `send`: sends one message.
    func send(_ request: ActionRequest, session: WebSocketSession) async -> ActionOutcome {
        guard let connection = session.connection else { return WebSocketFailure.notConnected("send").outcome() }
        do throws(WebSocketFailure) {
            let text = try Self.message(of: request)
            try await connection.send(text)
            return .ok(bytesOut: text.utf8.count)
        } catch {
            return error.outcome()
        }
    }

    /// `receive`: waits for the next (matching) message.
    func receive(_ request: ActionRequest, session: WebSocketSession) async -> ActionOutcome {
        guard let connection = session.connection else { return WebSocketFailure.notConnected("receive").outcome() }
        let filter: MessageFilter
        do throws(WebSocketFailure) {
            filter = try regexes.filter(for: request)
        } catch {
            return error.outcome()
        }
        var bytesIn = 0
        return await awaitMessage(on: connection, filter: filter, request: request, bytesIn: &bytesIn, bytesOut: 0)
    }

    /// `exchange`: sends a message, then waits for the matching reply. Messages that arrived before the send are
    /// discarded (they cannot be its reply), so the latency is the round trip.
    func exchange(_ request: ActionRequest, session: WebSocketSession) async -> ActionOutcome {
        guard let connection = session.connection else { return WebSocketFailure.notConnected("exchange").outcome() }
        let filter: MessageFilter
        let text: String
        do throws(WebSocketFailure) {
            filter = try regexes.filter(for: request)
            text = try Self.message(of: request)
        } catch {
            return error.outcome()
        }
        var bytesIn = connection.inbox.discardBuffered()
        do throws(WebSocketFailure) {
            try await connection.send(text)
        } catch {
            return error.outcome(bytesIn: bytesIn)
        }
        return await awaitMessage(on: connection, filter: filter, request: request, bytesIn: &bytesIn, bytesOut: text.utf8.count)
    }

    /// `close`: closes the player's connection with a normal close (nothing to do without one).
    func close(session: WebSocketSession) async -> ActionOutcome {
        await session.replace(with: nil)?.shutdown()
        return .ok()
    }

    /// Waits until a message the filter accepts arrives, skipping others, and captures from it.
    private func awaitMessage(
        on connection: WebSocketConnection, filter: MessageFilter, request: ActionRequest, bytesIn: inout Int, bytesOut: Int
    ) async -> ActionOutcome {
        let timeout = Duration.seconds(request.number("timeout") ?? 10)
        let deadline = ContinuousClock.now + timeout
        var skipped = 0
        var lastSkipped = ""
        while true {
            switch await connection.inbox.next(until: deadline) {
            case .message(let message):
                bytesIn += message.utf8.count
                guard filter.accepts(message) else {
                    skipped += 1
                    lastSkipped = message
                    continue
                }
                do throws(WebSocketFailure) {
                    let captured = try MessageCapture.values(request.captures, from: message)
                    return .ok(bytesIn: bytesIn, bytesOut: bytesOut, captured: captured)
                } catch {
                    return error.outcome(bytesIn: bytesIn, bytesOut: bytesOut)
                }
            case .ended(let end):
                let failure = skipped == 0 ? end : WebSocketFailure(
                    end.kind, "\(end.message), while waiting for \(filter.expectation) (\(Self.skipped(skipped, last: lastSkipped)))"
                )
                return failure.outcome(bytesIn: bytesIn, bytesOut: bytesOut)
            case .timedOut:
                let within = Wording.duration(timeout)
                let failure = skipped == 0
                    ? WebSocketFailure(.timeout, "expected \(filter.expectation) within \(within), none came")
                    : WebSocketFailure(
                        .noMatch, "expected \(filter.expectation) within \(within); \(Self.skipped(skipped, last: lastSkipped))"
                    )
                return failure.outcome(bytesIn: bytesIn, bytesOut: bytesOut)
            case .cancelled:
                return WebSocketFailure.cancelled.outcome(bytesIn: bytesIn, bytesOut: bytesOut)
            }
        }
    }

    /// "3 other messages came, the last 'x'".
    private static func skipped(_ count: Int, last: String) -> String {
        let messages = count == 1 ? "1 other message came:" : "\(count) other messages came, the last:"
        return "\(messages) \(Wording.quote(last))"
    }

    /// The message a `send` or `exchange` gives: `text`, or `json` written as JSON text.
    private static func message(of request: ActionRequest) throws(WebSocketFailure) -> String {
        let text = request.parameters["text"]
        let json = request.parameters["json"]
        switch (text, json) {
        case (let text?, nil):
            guard let message = text.text else { throw WebSocketFailure(.websocket, "text must be text") }
            return message
        case (nil, let json?):
            return JSONText.encode(json)
        case (nil, nil):
            throw WebSocketFailure(.websocket, "\(request.action) needs the message to send: text or json")
        case (.some, .some):
            throw WebSocketFailure(.websocket, "\(request.action) takes one message: text or json, not both")
        }
    }
}
