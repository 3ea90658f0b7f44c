import Foundation
import TestReports
import Testing

@testable import PractiTest

@Suite("Instance mapping")
struct InstanceMappingTests {
    func run(_ name: String, properties: [TestProperty] = []) -> PlannedRun {
        PlannedRun(
            name: name, status: .passed, properties: properties, resultCount: 1, payload: RunPayload(exitCode: 0))
    }

    func entity(_ json: String) throws -> Entity {
        try JSONDecoder().decode(Entity.self, from: Data(json.utf8))
    }

    @Test("reads a mapping file; the first matching rule wins; patterns use * and ?")
    func mapFile() throws {
        let map = try InstanceMap(
            text: """
                # comment

                tests.Login.test_ok       instance=11
                tests.Login with spaces   test=22
                tests.Pay*                test=33
                case_?                    instance=44
                tests.*                   instance=55
                """, file: "map.txt")
        #expect(map.target(for: "tests.Login.test_ok") == .instance(11))
        #expect(map.target(for: "tests.Login with spaces") == .test(22))
        #expect(map.target(for: "tests.Payments.refund") == .test(33))
        #expect(map.target(for: "case_7") == .instance(44))
        #expect(map.target(for: "case_77") == nil)
        #expect(map.target(for: "tests.Other.x") == .instance(55))
        #expect(map.target(for: "other") == nil)
    }

    @Test("names the file and line of a bad mapping rule")
    func badMapFile() {
        #expect(
            throws: UploadError.configuration(
                "map.txt:2: expected 'NAME instance=ID' or 'NAME test=ID', got 'b test=x'")
        ) {
            try InstanceMap(text: "a instance=1\nb test=x\n", file: "map.txt")
        }
    }

    @Test("matches by mapping file, then report properties and [PT:] tags, then name in the set")
    func order() throws {
        let instances = try [
            entity(#"{"id": "100", "attributes": {"name": "A", "test-id": 1}}"#),
            entity(#"{"id": "101", "attributes": {"name": "B", "test-id": 2}}"#),
            entity(#"{"id": "99", "attributes": {"name": "B", "test-id": 3}}"#),
            entity(#"{"id": "102", "attributes": {"name": "C", "test-id": 4}}"#),
        ]
        var matcher = InstanceMatcher(
            map: InstanceMap(rules: [.init(pattern: "A", target: .test(4))]), setInstances: instances)
        matcher.testsByDisplayID["555"] = 2
        #expect(matcher.match(run("A")) == .instance(102))
        #expect(matcher.match(run("B")) == .instance(99))
        #expect(matcher.ambiguousNames == ["B"])
        #expect(
            matcher.match(run("X", properties: [TestProperty(name: "practitest-instance-id", value: "777")]))
                == .instance(777))
        #expect(
            matcher.match(run("X", properties: [TestProperty(name: "practitest-test-id", value: "1")]))
                == .instance(100))
        #expect(matcher.match(run("X", properties: [TestProperty(name: "practitest-test-id", value: "9")])) == .test(9))
        #expect(matcher.match(run("login works [PT:555]")) == .instance(101))
        #expect(matcher.match(run("nothing")) == .unmatched)
    }

    @Test(
        "finds [PT:display-id] tags",
        arguments: [
            ("login [PT:1234]", "1234"), ("[PT:7] x", "7"), ("no tag", nil), ("[PT:] empty", nil), ("[PT:12a]", nil),
        ] as [(String, String?)])
    func tags(name: String, tag: String?) {
        #expect(InstanceMatcher.displayIDTag(in: name) == tag)
    }
}

@Suite("Upload journal")
struct UploadJournalTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ptupload-journal-\(UUID())/state.json").path
    }

    @Test("saves and loads atomically, readable by its owner only")
    func roundTrip() throws {
        let path = temporaryPath()
        var journal = UploadJournal(fingerprint: "abc", names: ["a", "b"])
        journal.entries[0].state = .posted
        journal.entries[0].instanceID = 5
        journal.entries[1].sentAt = Date(timeIntervalSince1970: 1_700_000_000)
        try journal.save(to: path)
        #expect(try UploadJournal.load(from: path) == journal)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["state.json"])
    }

    @Test("has no journal when there is no file")
    func missing() throws {
        #expect(try UploadJournal.load(from: temporaryPath()) == nil)
    }

    @Test(
        "refuses a damaged or foreign file instead of ignoring it",
        arguments: [
            "not json", #"{"format": "something-else", "version": 1, "fingerprint": "x", "entries": []}"#,
            #"{"format": "ptupload-journal", "version": 99, "fingerprint": "x", "entries": []}"#, "{",
        ])
    func refuses(content: String) throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(content.utf8))
        #expect {
            _ = try UploadJournal.load(from: path)
        } throws: { error in
            (error as? UploadError)?.description.contains("--force") == true
        }
    }

    @Test("fingerprints tell uploads apart")
    func fingerprints() {
        #expect(UploadJournal.fingerprint(of: ["a", "b"]) == UploadJournal.fingerprint(of: ["a", "b"]))
        #expect(UploadJournal.fingerprint(of: ["a", "b"]) != UploadJournal.fingerprint(of: ["ab"]))
        #expect(UploadJournal.fingerprint(of: ["a", "b"]) != UploadJournal.fingerprint(of: ["b", "a"]))
    }
}
