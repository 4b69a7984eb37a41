import StampedeHTTPAdapter
import StampedePluginAPI

/// Request bodies as JSON bytes: flat objects of text and numbers, written by the `http` adapter's
/// ``JSONBodyWriter`` (keys sorted, so bodies are reproducible) — Foundation's serialiser cost a tenth of the
/// adapter's CPU.
enum JSONBody {
    /// `object` as JSON; values other than text, numbers and booleans are written as `null`.
    static func bytes(_ object: [String: any Sendable]) -> [UInt8] {
        let value = ActionValue.map(object.mapValues { value in
            switch value {
            case let text as String: .string(text)
            case let number as Int: .number(Double(number))
            case let number as Double: .number(number)
            case let flag as Bool: .bool(flag)
            default: .null
            }
        })
        return JSONBodyWriter.json(value) ?? Array("{}".utf8)
    }
}
