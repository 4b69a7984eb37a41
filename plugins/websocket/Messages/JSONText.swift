import StampedePluginAPI

/// Writes an ``ActionValue`` as compact JSON text (the `json:` parameter of `send` and `exchange`).
///
/// Mapping keys are sorted, so that equal values always give the same text. Whole numbers are written without a
/// fraction; numbers that JSON cannot hold (infinities, NaN) become `null`.
enum JSONText {
    /// `value` as JSON text.
    static func encode(_ value: ActionValue) -> String {
        var text = ""
        write(value, into: &text)
        return text
    }

    private static func write(_ value: ActionValue, into text: inout String) {
        switch value {
        case .null:
            text += "null"
        case .bool(let bool):
            text += bool ? "true" : "false"
        case .number(let number):
            if !number.isFinite {
                text += "null"
            } else if number == number.rounded(), abs(number) < 1e15 {
                text += String(Int64(number))
            } else {
                text += String(number)
            }
        case .string(let string):
            writeString(string, into: &text)
        case .list(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                write(item, into: &text)
            }
            text += "]"
        case .map(let entries):
            text += "{"
            for (index, key) in entries.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                writeString(key, into: &text)
                text += ":"
                write(entries[key] ?? .null, into: &text)
            }
            text += "}"
        }
    }

    private static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
