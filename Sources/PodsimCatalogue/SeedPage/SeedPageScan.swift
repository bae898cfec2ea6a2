/// Groups a seed page's lines into raw episode items.
struct SeedPageScan {
    /// One episode as it stands on the page, before cleaning.
    struct Item: Sendable {
        /// Line of the item's first line (for skip reasons).
        var line: Int
        var number: Int?
        var published: String?
        var durationSeconds: Int?
        /// The title line (dated layout only).
        var title: String?
        /// The episode text, lines joined with `\n`, chrome lines left out.
        var text: String
    }

    let lines: [SourceText.Line]
    let kinds: [SeedPageLine]

    /// The layout with more item lines, nil when there are none.
    var layout: SeedPage.Layout? {
        var numbered = 0
        var dated = 0
        for kind in kinds {
            switch kind {
            case .numbered: numbered += 1
            case .dated: dated += 1
            case .chrome, .text: break
            }
        }
        if numbered == 0 && dated == 0 { return nil }
        return numbered >= dated ? .numbered : .dated
    }

    /// Items of `layout` in page order, and the ones that had to be skipped. Lines that start
    /// items of the other layout are treated as text.
    func items(layout: SeedPage.Layout) -> (accepted: [Item], skipped: [SkippedItem]) {
        var accepted: [Item] = []
        var skipped: [SkippedItem] = []
        var current: Item?
        var body: [Substring] = []

        func finish() {
            guard var item = current else { return }
            if layout == .dated, item.title == nil, !body.isEmpty {
                item.title = body.removeFirst().trimmingSpaces
            }
            item.text = ([item.text] + body.map { $0.trimmingSpaces }).filter { !$0.isEmpty }.joined(separator: "\n")
            if layout == .dated && item.title == nil {
                skipped.append(
                    SkippedItem(location: "line \(item.line)", reason: "date line without a title line after it"))
            } else if layout == .numbered && item.text.isEmpty {
                skipped.append(
                    SkippedItem(location: "line \(item.line)", reason: "item #\(item.number ?? 0) has no text"))
            } else {
                accepted.append(item)
            }
            current = nil
            body = []
        }

        for (line, kind) in zip(lines, kinds) {
            switch (layout, kind) {
            case (.numbered, .numbered(let number, let text)):
                finish()
                current = Item(line: line.number, number: number, text: String(text))
            case (.dated, .dated(let date, let duration)):
                finish()
                current = Item(line: line.number, published: date, durationSeconds: duration, text: "")
            case (.dated, _) where current != nil && current?.title == nil && body.isEmpty:
                // The first non-empty line after a date line is the title, even if short.
                if !line.text.trimmingSpaces.isEmpty { body.append(line.text) }
            case (_, .chrome):
                continue
            default:
                if current != nil { body.append(line.text) }
            }
        }
        finish()
        return (accepted, skipped)
    }
}
