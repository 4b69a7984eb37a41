import JSONText
import StampedePluginAPI

/// Writes an ``ActionValue`` (a `json:` parameter) as compact JSON bytes, keys sorted so that equal values give
/// equal bodies. Public for adapters that build their own request bodies (the `matchmaking` adapter).
public enum JSONBodyWriter {
    /// The JSON bytes of `value`, or nil when it holds a number JSON cannot write (NaN, infinity).
    public static func json(_ value: ActionValue) -> [UInt8]? {
        try? bytes(of: value)
    }

    /// The JSON bytes of `value`.
    /// - Throws: ``HTTPFailure`` of kind `invalid_request` when it holds a number JSON cannot write (NaN, infinity).
    static func bytes(of value: ActionValue) throws(HTTPFailure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        try write(value, into: &output)
        return output
    }

    private static func write(_ value: ActionValue, into output: inout [UInt8]) throws(HTTPFailure) {
        switch value {
        case .string(let text):
            JSONString.append(text, to: &output)
        case .number(let number):
            guard number.isFinite else {
                throw HTTPFailure(kind: .invalidRequest, message: "the json body holds \(number), which JSON cannot write")
            }
            let text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            output.append(contentsOf: text.utf8)
        case .bool(let bool):
            output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .list(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .map(let entries):
            output.append(UInt8(ascii: "{"))
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONString.append(key, to: &output)
                output.append(UInt8(ascii: ":"))
                try write(entries[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}
