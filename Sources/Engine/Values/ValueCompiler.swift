import Foundation
import StampedeModel
import StampedePlan
import StampedePluginAPI

/// Compiles the validated parameter values of a scenario into ``ValueTemplate``s, once per state.
enum ValueCompiler {
    /// `value` compiled; `environment` gives `{{ env.NAME }}`.
    static func compile(_ value: ConfigValue, environment: [String: String]) -> ValueTemplate {
        switch value {
        case .scalar(let text, _):
            return text.contains("{{") ? .text(parts(text, environment)) : .constant(.string(text))
        case .plain(let text, _):
            if text.contains("{{") { return .text(parts(text, environment)) }
            return .constant(plain(text))
        case .seconds(let seconds, _):
            return .constant(.number(seconds))
        case .distribution(let spec, _):
            if case .constant(let seconds) = spec { return .constant(.number(seconds)) }
            return .distribution(DistributionSampler(spec))
        case .list(let items, _):
            let compiled = items.map { compile($0, environment: environment) }
            if let constants = constants(compiled) { return .constant(.list(constants)) }
            return .list(compiled)
        case .map(let entries, _):
            let compiled = entries.map { ($0.key, compile($0.value, environment: environment)) }
            if let constants = constants(compiled.map(\.1)) {
                return .constant(.map(Dictionary(zip(compiled.map(\.0), constants), uniquingKeysWith: { first, _ in first })))
            }
            return .map(compiled)
        case .null:
            return .constant(.null)
        }
    }

    /// Compiles a whole parameter set.
    static func compile(_ parameters: [String: ConfigValue], environment: [String: String]) -> [(String, ValueTemplate)] {
        parameters.sorted { $0.key < $1.key }.map { ($0.key, compile($0.value, environment: environment)) }
    }

    /// An unquoted scalar as a value: a boolean, a number, or text.
    static func plain(_ text: String) -> ActionValue {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            if let number = Double(text), number.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                return .number(number)
            }
            return .string(text)
        }
    }

    private static func constants(_ templates: [ValueTemplate]) -> [ActionValue]? {
        var values: [ActionValue] = []
        for template in templates {
            guard case .constant(let value) = template else { return nil }
            values.append(value)
        }
        return values
    }

    private static func parts(_ text: String, _ environment: [String: String]) -> [TemplatePart] {
        Template.parse(text).map { part in
            switch part {
            case .literal(let literal): return .literal(literal)
            case .malformed: return .literal("")
            case .reference(let path, _):
                switch (path.first, path.count) {
                case ("session", 2): return .session(path[1])
                case ("data", 3): return .data(feeder: path[1], column: path[2])
                case ("player", 2): return path[1] == "iteration" ? .iteration : .playerID
                case ("env", 2): return .constant(environment[path[1]] ?? "")
                default: return .literal("")
                }
            }
        }
    }
}
