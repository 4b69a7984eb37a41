import Foundation

/// Renders ``LanguageSchema`` as JSON Schema (draft 2020-12), for editors' autocompletion and checks.
public enum JSONSchemaWriter {
    /// The schema document, pretty-printed with sorted keys (byte-stable).
    public static func document() -> String {
        var root = object(LanguageSchema.scenario)
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://stampede.dev/schema/scenario.json"
        root["title"] = "Stampede scenario"
        root["$defs"] = LanguageSchema.definitions.mapValues(json)
        root["patternProperties"] = ["^x-": ["description": "Free keys for YAML anchors shared by the rest of the file."]]
        let data = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return (data.map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    static func json(_ shape: Shape) -> [String: Any] {
        switch shape {
        case .object(let objectShape):
            return object(objectShape)
        case .dictionary(let dictionary):
            var result: [String: Any] = ["type": "object", "description": dictionary.summary, "additionalProperties": json(dictionary.value)]
            if dictionary.identifierKeys { result["propertyNames"] = ["pattern": ScalarShape.identifierPattern] }
            if dictionary.nonEmpty { result["minProperties"] = 1 }
            return result
        case .list(let list):
            return listJSON(list)
        case .tuple(let shapes, let summary):
            return ["type": "array", "description": summary, "prefixItems": shapes.map(json), "items": false,
                    "minItems": shapes.count]
        case .scalar(let scalar):
            return scalarJSON(scalar)
        case .union(let union):
            var options: [[String: Any]] = []
            if let scalar = union.scalar { options.append(scalarJSON(scalar)) }
            if let list = union.list { options.append(listJSON(list)) }
            options += union.tagged.map { object($0.shape) }
            if let dictionary = union.dictionary { options.append(json(.dictionary(dictionary))) }
            return ["description": union.summary, "anyOf": options]
        case .reference(let name):
            return ["$ref": "#/$defs/\(name)"]
        case .any(let summary):
            return ["description": summary]
        }
    }

    private static func object(_ shape: ObjectShape) -> [String: Any] {
        var properties: [String: Any] = [:]
        for property in shape.properties {
            var value = json(property.shape)
            if value["$ref"] == nil { value["description"] = property.summary }
            properties[property.name] = value
        }
        var result: [String: Any] = ["type": "object", "description": shape.summary, "properties": properties,
                                     "additionalProperties": false]
        let required = shape.properties.filter(\.required).map(\.name)
        if !required.isEmpty { result["required"] = required }
        if !shape.exactlyOne.isEmpty {
            result["allOf"] = shape.exactlyOne.map { group in
                ["oneOf": group.map { ["required": [$0]] }]
            }
        }
        return result
    }

    private static func listJSON(_ list: ListShape) -> [String: Any] {
        var result: [String: Any] = ["type": "array", "description": list.summary, "items": json(list.item)]
        if list.minimumCount > 0 { result["minItems"] = list.minimumCount }
        return result
    }

    private static func scalarJSON(_ scalar: ScalarShape) -> [String: Any] {
        var result: [String: Any] = ["description": scalar.summary]
        switch scalar.kind {
        case .text: result["type"] = ["string", "number", "boolean"]
        case .identifier: result["type"] = "string"; result["pattern"] = ScalarShape.identifierPattern
        case let .integer(minimum, maximum):
            result["type"] = "integer"
            if minimum > Int.min { result["minimum"] = minimum }
            if let maximum { result["maximum"] = maximum }
        case let .number(minimum, exclusive):
            result["type"] = "number"
            if minimum.isFinite { result[exclusive ? "exclusiveMinimum" : "minimum"] = minimum }
        case .boolean: result["type"] = "boolean"
        case .duration: result["type"] = "string"; result["pattern"] = Units.durationPattern
        case .rate: result["type"] = "string"; result["pattern"] = Units.ratePattern
        case .count: result["type"] = "number"; result["minimum"] = 0
        case .probability:
            result["anyOf"] = [["type": "number", "minimum": 0, "maximum": 1], ["type": "string", "pattern": Units.percentPattern]]
        case .choice(let words): result["enum"] = words
        case .actionReference: result["type"] = "string"; result["pattern"] = #"^[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*$"#
        }
        return result
    }
}
