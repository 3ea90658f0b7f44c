import Foundation
import Testing

@testable import FakePractiTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Authentication, routing and HTTP framing")
struct RoutingAndAuthTests {
    @Test("a request without a token is refused with 401 and an error title")
    func missingToken() async throws {
        let server = try startServer()
        defer { server.stop() }
        var client = FakeClient(server)
        client.token = nil
        let reply = try await client.get("tests.json")
        #expect(reply.status == 401)
        #expect(reply.errorTitles.count == 1)
    }

    @Test("a wrong token is refused with 401")
    func wrongToken() async throws {
        let server = try startServer()
        defer { server.stop() }
        var client = FakeClient(server)
        client.token = "not-the-token"
        #expect(try await client.get("tests.json").status == 401)
    }

    @Test("the token is accepted as a header, as a Basic auth password and as api_token")
    func threeWaysToAuthenticate() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        #expect(try await client.get("tests.json").status == 200)

        var basic = URLRequest(url: client.url("tests.json"))
        basic.setValue(
            "Basic " + Data("someone@example.com:test-token".utf8).base64EncodedString(),
            forHTTPHeaderField: "Authorization")
        #expect(try await client.send(basic).status == 200)

        var anonymous = FakeClient(server)
        anonymous.token = nil
        #expect(try await anonymous.get("tests.json", query: "api_token=test-token").status == 200)
        #expect(try await anonymous.get("tests.json", query: "api_token=wrong").status == 401)
    }

    @Test("an unknown project is 404")
    func unknownProject() async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).get("tests.json", project: 2)
        #expect(reply.status == 404)
        #expect(reply.errorTitles == ["project 2 not found"])
    }

    @Test(
        "paths the API does not have are 404 not found",
        arguments: ["bogus.json", "tests", "runs/1.json", "tests/x.json"])
    func unknownPath(resource: String) async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).get(resource)
        #expect(reply.status == 404)
        #expect(reply.errorTitles == ["not found"])
    }

    @Test("a method the resource does not take is 405")
    func wrongMethod() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = FakeClient(server)
        #expect(try await client.get("tests/bulk_search.json").status == 405)
        var delete = URLRequest(url: client.url("runs.json"))
        delete.httpMethod = "DELETE"
        #expect(try await client.send(delete).status == 405)
    }

    @Test("the project and single entities can be read by id")
    func showEndpoints() async throws {
        let server = try startServer()
        defer { server.stop() }
        let instanceID = seedSet(server, count: 1)[0]
        let client = FakeClient(server)
        let project = try await client.send(URLRequest(url: URL(string: "\(server.baseURL)/api/v2/projects/1.json")!))
        #expect(project.status == 200)
        #expect(project.json?["data"]?["type"] == "projects")
        let instance = try await client.get("instances/\(instanceID).json")
        #expect(instance.json?["data"]?["id"] == .string("\(instanceID)"))
        #expect(instance.json?["data"]?["attributes"]?["display-id"] == "1:1")
        #expect(try await client.get("sets/\(instanceID).json").status == 404)
    }

    @Test("answers carry a JSON content type, a Content-Length and an RFC 7231 Date")
    func answerHeaders() async throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = try await FakeClient(server).get("sets.json")
        #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
        #expect(reply.headers["content-length"] == "\(reply.body.count)")
        let date = try #require(reply.headers["date"])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let parsed = try #require(formatter.date(from: date))
        #expect(abs(parsed.timeIntervalSinceNow) < 120)  // the server clock, however slow a loaded machine answers
    }

    @Test("every request is recorded, refused ones included, with its status and query as sent")
    func requestsAreRecorded() async throws {
        let server = try startServer()
        defer { server.stop() }
        var client = FakeClient(server)
        _ = try await client.get("tests.json", query: "name_exact=a%2Bb")
        client.token = nil
        _ = try await client.get("sets.json")
        let records = server.requests
        #expect(records.map(\.status) == [200, 401])
        #expect(records.map(\.path) == ["/api/v2/projects/1/tests.json", "/api/v2/projects/1/sets.json"])
        #expect(records[0].query == "name_exact=a%2Bb")
        #expect(records[0].headers["pttoken"] == "test-token")
    }
}
