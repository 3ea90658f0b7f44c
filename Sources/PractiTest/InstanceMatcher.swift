import TestReports

/// Decides, for each planned run, which instance of the set it goes to, in this order: the mapping
/// file; an id the report carries (JUnit properties `practitest-instance-id`,
/// `practitest-test-id`, or a `[PT:display-id]` tag in the name); the set's instance of that name.
/// Pure: the set's instances and the resolved display ids are given.
struct InstanceMatcher {
    /// Where a run goes, as far as what is known tells.
    enum Match: Equatable {
        case instance(Int)
        /// A known test, with no instance in the set yet.
        case test(Int)
        case unmatched
    }

    var map: InstanceMap?
    /// The set's instances by name, and by test id; the lowest id where there are several.
    private var instancesByName: [String: Int] = [:]
    private var instancesByTest: [Int: Int] = [:]
    /// Test ids of the display ids named in `[PT:…]` tags.
    var testsByDisplayID: [String: Int] = [:]
    /// Names that stand for more than one instance of the set.
    private(set) var ambiguousNames: [String] = []

    init(map: InstanceMap?, setInstances: [Entity]) {
        self.map = map
        for instance in setInstances.sorted(by: { $0.id < $1.id }) {
            if let name = instance.attributes.name {
                if instancesByName[name] == nil {
                    instancesByName[name] = instance.id
                } else if !ambiguousNames.contains(name) {
                    ambiguousNames.append(name)
                }
            }
            if let testID = instance.attributes.testID, instancesByTest[testID] == nil {
                instancesByTest[testID] = instance.id
            }
        }
    }

    /// The display id in a `[PT:1234]` tag of a name.
    static func displayIDTag(in name: String) -> String? {
        guard let open = name.range(of: "[PT:"), let close = name[open.upperBound...].firstIndex(of: "]") else {
            return nil
        }
        let id = name[open.upperBound..<close]
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? String(id) : nil
    }

    func match(_ run: PlannedRun) -> Match {
        if let target = map?.target(for: run.name) {
            switch target {
            case .instance(let id): return .instance(id)
            case .test(let id): return instancesByTest[id].map(Match.instance) ?? .test(id)
            }
        }
        if let id = Self.property("practitest-instance-id", in: run) { return .instance(id) }
        if let testID = Self.property("practitest-test-id", in: run)
            ?? Self.displayIDTag(in: run.name).flatMap({ testsByDisplayID[$0] })
        {
            return instancesByTest[testID].map(Match.instance) ?? .test(testID)
        }
        return instancesByName[run.name].map(Match.instance) ?? .unmatched
    }

    /// The instance of a test in the set, once known.
    func instance(ofTest testID: Int) -> Int? { instancesByTest[testID] }

    mutating func add(instance id: Int, testID: Int, name: String?) {
        if instancesByTest[testID] == nil { instancesByTest[testID] = id }
        if let name, instancesByName[name] == nil { instancesByName[name] = id }
    }

    private static func property(_ name: String, in run: PlannedRun) -> Int? {
        run.properties.last { $0.name == name }.flatMap { Int($0.value.trimmingWhitespace()) }
    }
}
