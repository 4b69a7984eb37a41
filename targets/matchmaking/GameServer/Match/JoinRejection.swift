/// Why a connection may not join the match; sent as the reason of a policy-violation close.
enum JoinRejection: Error, Equatable {
    /// The first message was not `{"type":"join","player":ID}`.
    case notAJoin
    /// The player is not one of the match's expected players.
    case unexpectedPlayer(String)
    /// The player is already connected.
    case alreadyConnected(String)
    /// The match is over.
    case matchEnded

    /// The close reason sent to the client.
    var message: String {
        switch self {
        case .notAJoin: #"first message must be {"type":"join","player":ID}"#
        case .unexpectedPlayer(let player): "player \(player) is not expected in this match"
        case .alreadyConnected(let player): "player \(player) is already connected"
        case .matchEnded: "the match has ended"
        }
    }
}
