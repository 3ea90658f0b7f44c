/// Splits runs into bulk requests.
public enum RunBatcher {
    /// PractiTest takes at most 20 runs in one request.
    public static let maximumBatchSize = 20

    /// Batches of at most `size` items, in order, never two items with the same key in one batch
    /// (the API refuses the same instance twice in one request): an item whose key is taken goes
    /// to the next batch that has room and lacks it.
    public static func batches<Item, Key: Hashable>(
        _ items: [Item], size: Int = maximumBatchSize, key: (Item) -> Key
    ) -> [[Item]] {
        var batches: [[Item]] = []
        var keys: [Set<Key>] = []
        var firstOpen = 0
        for item in items {
            let itemKey = key(item)
            var index = firstOpen
            while index < batches.count, batches[index].count >= size || keys[index].contains(itemKey) { index += 1 }
            if index == batches.count {
                batches.append([])
                keys.append([])
            }
            batches[index].append(item)
            keys[index].insert(itemKey)
            while firstOpen < batches.count, batches[firstOpen].count >= size { firstOpen += 1 }
        }
        return batches
    }
}
