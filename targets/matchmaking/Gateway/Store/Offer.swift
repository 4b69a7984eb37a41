/// An item the store sells.
public struct Offer: Codable, Sendable, Equatable {
    /// Its identifier, as sent in `offer_id`.
    public var id: String
    /// Its display name.
    public var name: String
    /// Its price in wallet currency, at least 0.
    public var price: Int

    /// An offer.
    public init(id: String, name: String, price: Int) {
        self.id = id
        self.name = name
        self.price = price
    }

    /// The catalogue a gateway sells unless told otherwise.
    public static let defaultCatalogue: [Offer] = [
        Offer(id: "skin-prime-vandal", name: "Prime Vandal", price: 175),
        Offer(id: "skin-reaver-sheriff", name: "Reaver Sheriff", price: 120),
        Offer(id: "bundle-glitchpop", name: "Glitchpop Bundle", price: 700),
        Offer(id: "spray-nice-to-zap", name: "Nice to Zap You", price: 25),
        Offer(id: "card-radiant", name: "Radiant Player Card", price: 50),
        Offer(id: "buddy-cat", name: "Cat Gun Buddy", price: 30),
    ]
}
