import StampedeModel

extension LanguageSchema {
    /// The curve language for rates (`200/s`) or player counts (`1000`).
    static func curve(_ quantity: CurveQuantity) -> UnionShape {
        let isRate = quantity == .rate
        let value: Shape = .scalar(isRate ? .init(.rate, "A rate such as 200/s.") : .init(.count, "A number of players."))
        let reference: Shape = .reference(isRate ? "rateCurve" : "levelCurve")
        let spike = ObjectShape(isRate ? "a spike" : "a herd", isRate ? "N arrivals within a window." : "N players joining within a window.", [
            .required("count", .scalar(.init(.count, "How many.")), isRate ? "Arrivals in the spike." : "Players who join (and stay)."),
            .required("within", duration("The window."), "The window's length."),
            .optional("shape", .scalar(.init(.choice(SpikeShape.allCases.map(\.rawValue)), "The spread.")),
                      "instant (all at once), uniform, or normal (a bell over the window). Default instant."),
            .optional("at", duration("Start of the window."), "When the window starts, from the curve's start (default 0s)."),
        ])
        return UnionShape(isRate ? "a rate curve" : "a player curve",
            isRate ? "Arrivals per time over the run." : "Players over the run.",
            scalar: isRate ? .init(.rate, "A constant rate for the whole run.") : .init(.count, "A constant number of players."),
            list: .init("Curves one after the other.", item: reference, minimumCount: 1),
            tagged: [
                ("ramp", wrapper("ramp", ObjectShape("a ramp", "A straight line.", [
                    .required("from", value, "Value at the start."), .required("to", value, "Value at the end."),
                    .required("over", duration("Length."), "Length of the ramp."),
                ]))),
                ("hold", wrapper("hold", ObjectShape("a hold", "A constant value.", [
                    .required("value", value, "The value."),
                    .optional("for", duration("Length."), "How long (default: until the end of the run)."),
                ]))),
                ("steps", wrapper("steps", ObjectShape("steps", "Values held in turn.", [
                    .required("values", .list(.init("The values.", item: value, minimumCount: 1)), "The values, in order."),
                    .required("each", duration("Length of each step."), "How long each value is held."),
                ]))),
                ("spike", wrapper("spike", spike)),
                ("herd", wrapper("herd", spike)),
                ("sine", wrapper("sine", ObjectShape("a sine", "A cycle such as a day's.", [
                    .required("base", value, "The middle value."), .required("amplitude", value, "Swing above and below base."),
                    .required("period", duration("Cycle length."), "Length of one cycle, e.g. 24h."),
                    .optional("phase", duration("Shift."), "Shift of the cycle (default 0s)."),
                    .optional("for", duration("Length."), "How long (default: until the end of the run)."),
                ]))),
                ("points", ObjectShape("points", "Piecewise linear through points.", [
                    .required("points", .list(.init("[time, value] pairs, times ascending from 0s.",
                                                    item: .tuple([duration("Time."), value], summary: "[time, value]"), minimumCount: 2)),
                              "[time, value] pairs, times ascending from 0s."),
                ])),
                ("sum", ObjectShape("a sum", "Curves added together.", [
                    .required("sum", .list(.init("The curves to add.", item: reference, minimumCount: 1)), "Curves added together, all starting together."),
                ])),
            ]
        )
    }
}
