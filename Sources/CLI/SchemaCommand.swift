import ArgumentParser
import StampedeDSL

/// `stampede schema`: the JSON Schema of the scenario language.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the scenario language.",
        discussion: "scenarios/stampede.schema.json is this output; editors use it through the yaml-language-server comment."
    )

    func run() {
        print(JSONSchemaWriter.document(), terminator: "")
    }
}
