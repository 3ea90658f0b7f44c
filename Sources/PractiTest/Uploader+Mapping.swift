import Foundation

/// Finding the set, and each run's instance in it.
extension Uploader {
    func resolveSet() async throws(UploadError) -> Int {
        switch settings.set {
        case .id(let id):
            return id
        case .name(let name):
            if let id = try await lowestSetID(named: name) { return id }
            guard settings.createSet else {
                throw .configuration(
                    "project \(client.configuration.projectID) has no test set named '\(name)': "
                        + "check --set-name, or pass --create-set")
            }
            do {
                let id = try await client.createSet(named: name)
                events(.info("created test set '\(name)' (id \(id))"))
                return id
            } catch .noAnswer {
                // It may have been created: look again.
                guard let id = try await lowestSetID(named: name) else {
                    throw .noAnswer("creating test set '\(name)'")
                }
                return id
            }
        }
    }

    private func lowestSetID(named name: String) async throws(UploadError) -> Int? {
        let ids = try await client.sets(named: name).map(\.id).sorted()
        if ids.count > 1 {
            events(.warning("\(ids.count) test sets are named '\(name)': using the lowest id, \(ids[0])"))
        }
        return ids.first
    }

    /// Gives every run that is not posted yet an instance, creating tests and instances when
    /// `--create-missing` allows; the others are reported unmatched.
    func mapInstances(setID: Int) async throws(UploadError) {
        let unmapped = journal.entries.indices.filter {
            journal.entries[$0].state != .posted && journal.entries[$0].instanceID == nil
        }
        let setInstances = try await client.instances(inSet: setID)
        if setInstances.isEmpty, !settings.createMissing {
            events(.warning("test set \(setID) has no instances: is --set-id right? (--create-missing adds them)"))
        }
        var matcher = InstanceMatcher(map: settings.map, setInstances: setInstances)
        for name in matcher.ambiguousNames {
            events(.warning("several instances in the set are named '\(name)': using the lowest id"))
        }
        try await resolveDisplayIDTags(of: unmapped, into: &matcher)

        var needInstance = OrderedGroups<Int>()
        var needTest = OrderedGroups<String>()
        for index in unmapped {
            switch matcher.match(runs[index]) {
            case .instance(let id): journal.entries[index].instanceID = id
            case .test(let testID): needInstance.add(index, to: testID)
            case .unmatched: needTest.add(index, to: runs[index].name)
            }
        }
        if settings.createMissing {
            let lookups = needTest.keys.count
            let estimate = lookups * 2 + (needInstance.keys.count + lookups + 19) / 20
            if estimate > 0 {
                events(.info("creating what is missing: \(lookups) tests to find or create, about \(estimate) calls"))
            }
            for name in needTest.keys {
                needInstance.add(needTest[name], to: try await findOrCreateTest(named: name))
            }
            try await createInstances(setID: setID, for: needInstance, matcher: &matcher)
        } else {
            report.unmatched = (needTest.keys + needInstance.keys.flatMap { needInstance[$0].map { runs[$0].name } })
            if !report.unmatched.isEmpty {
                events(
                    .warning(
                        "\(report.unmatched.count) results match no instance of the set and are not uploaded "
                            + "(--create-missing creates them): " + report.unmatched.prefix(10).joined(separator: ", ")
                            + (report.unmatched.count > 10 ? ", …" : "")))
            }
        }
        report.matched = journal.entries.count { $0.instanceID != nil }
        try saveJournal()
    }

    private func resolveDisplayIDTags(of indices: [Int], into matcher: inout InstanceMatcher) async throws(UploadError)
    {
        var tags: [String] = []
        for index in indices {
            if let tag = InstanceMatcher.displayIDTag(in: runs[index].name), !tags.contains(tag) { tags.append(tag) }
        }
        for start in stride(from: 0, to: tags.count, by: 50) {
            for test in try await client.tests(displayIDs: Array(tags[start..<min(start + 50, tags.count)])) {
                if let displayID = test.attributes.displayID { matcher.testsByDisplayID[displayID] = test.id }
            }
        }
    }

    /// The test named `name`, created when there is none. Another job may create it at the same
    /// time, so after creating, look again and take the lowest id: both jobs then agree.
    private func findOrCreateTest(named name: String) async throws(UploadError) -> Int {
        if let id = try await client.tests(named: name).map(\.id).min() { return id }
        do {
            _ = try await client.createTest(named: name)
            report.createdTests += 1
        } catch .noAnswer {
            // Perhaps created: the lookup below tells.
        }
        guard let id = try await client.tests(named: name).map(\.id).min() else {
            throw .unexpectedResponse("test '\(name)' was created but cannot be found")
        }
        return id
    }

    private func createInstances(setID: Int, for groups: OrderedGroups<Int>, matcher: inout InstanceMatcher)
        async throws(UploadError)
    {
        let missing = groups.keys.filter { matcher.instance(ofTest: $0) == nil }
        for start in stride(from: 0, to: missing.count, by: 20) {
            let chunk = Array(missing[start..<min(start + 20, missing.count)])
            do {
                for instance in try await client.createInstances(setID: setID, testIDs: chunk) {
                    if let testID = instance.attributes.testID {
                        matcher.add(instance: instance.id, testID: testID, name: instance.attributes.name)
                    }
                }
                report.createdInstances += chunk.count
            } catch .noAnswer {
                // Perhaps created: read the set again.
                for instance in try await client.instances(inSet: setID) {
                    if let testID = instance.attributes.testID {
                        matcher.add(instance: instance.id, testID: testID, name: instance.attributes.name)
                    }
                }
            }
        }
        for testID in groups.keys {
            guard let instance = matcher.instance(ofTest: testID) else {
                throw .unexpectedResponse("test \(testID) was added to set \(setID) but has no instance there")
            }
            for index in groups[testID] { journal.entries[index].instanceID = instance }
        }
    }
}

/// Run indices grouped by a key, keys in the order first seen.
struct OrderedGroups<Key: Hashable> {
    private(set) var keys: [Key] = []
    private var groups: [Key: [Int]] = [:]

    subscript(key: Key) -> [Int] { groups[key] ?? [] }

    mutating func add(_ index: Int, to key: Key) { add([index], to: key) }

    mutating func add(_ indices: [Int], to key: Key) {
        if groups[key] == nil { keys.append(key) }
        groups[key, default: []] += indices
    }
}
