/// A small bar chart drawn with Unicode blocks, for terminals.
public enum TextChart {
    private static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Rows of a chart of `values` (one column each), `height` rows tall, with the y-axis labelled by `label`.
    public static func render(_ values: [Double], height: Int = 8, label: (Double) -> String) -> [String] {
        let top = values.max() ?? 0
        let scale = top > 0 ? Double(height * 8) / top : 0
        let levels = values.map { value -> Int in
            guard value.isFinite, value > 0 else { return 0 }
            return max(1, Int((value * scale).rounded()))
        }
        let topLabel = label(top)
        let bottomLabel = label(0)
        let width = max(topLabel.count, bottomLabel.count)
        var rows: [String] = []
        for row in stride(from: height - 1, through: 0, by: -1) {
            let line = String(levels.map { level in blocks[min(8, max(0, level - row * 8))] })
            let axis = row == height - 1 ? pad(topLabel, width) + " ┤" : row == 0 ? pad(bottomLabel, width) + " ┤" : String(repeating: " ", count: width) + " │"
            rows.append(axis + line)
        }
        rows.append(String(repeating: " ", count: width) + " └" + String(repeating: "─", count: values.count))
        return rows
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
