// A throwaway PostgreSQL server for tests: initdb into a temporary directory, start it on a free
// loopback port, hand out fresh databases, stop it and delete the directory afterwards. Needs the
// server binaries (apt-get install postgresql); without them the tests that use it fail, loudly.
import FlowcWarehouse
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct TestPostgresError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A PostgreSQL server this process started, listening on 127.0.0.1 only, user `postgres` with
/// trust authentication (no password). As root (CI), initdb and pg_ctl run as the `postgres`
/// system user through `runuser`, since initdb refuses to run as root.
public final class TestPostgres: Sendable {
    public let host = "127.0.0.1"
    public let port: Int
    public let user = "postgres"
    /// The temporary directory holding the data directory, the server log and the socket.
    public let directory: String
    let dataDirectory: String
    let logFile: String
    let binDirectory: String
    let runAsPostgres: Bool
    private let stopped = Mutex(false)

    /// Creates a cluster and starts it; throws `TestPostgresError` saying what is missing or what
    /// the server logged.
    public init() throws {
        self.binDirectory = try Self.findBinaries()
        self.runAsPostgres = getuid() == 0
        var owner: (uid_t, gid_t)?
        if runAsPostgres {
            guard let pw = getpwnam("postgres") else {
                throw TestPostgresError("running as root, the test PostgreSQL server must run as the `postgres` "
                                        + "system user, which does not exist; install the postgresql package "
                                        + "(apt-get install postgresql), which creates it")
            }
            owner = (pw.pointee.pw_uid, pw.pointee.pw_gid)
        }

        // Under /tmp, not $TMPDIR: the socket path inside must stay under ~100 bytes.
        var template = Array("/tmp/flowc-pg-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ b in b.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw TestPostgresError("could not create a temporary directory under /tmp: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
        self.directory = directory
        let dataDirectory = directory + "/data"
        self.dataDirectory = dataDirectory
        let logFile = directory + "/server.log"
        self.logFile = logFile
        let binDirectory = self.binDirectory
        let runAsPostgres = self.runAsPostgres

        var started = false
        defer { if !started { try? FileManager.default.removeItem(atPath: directory) } }

        if let (uid, gid) = owner {
            guard chown(directory, uid, gid) == 0, chmod(directory, 0o700) == 0 else {
                throw TestPostgresError("could not give \(directory) to the postgres user: \(String(cString: strerror(errno)))")
            }
        }
        guard FileManager.default.createFile(atPath: logFile, contents: nil) else {
            throw TestPostgresError("could not create \(logFile)")
        }
        if let (uid, gid) = owner, chown(logFile, uid, gid) != 0 {
            throw TestPostgresError("could not give \(logFile) to the postgres user: \(String(cString: strerror(errno)))")
        }

        let initdb = try Self.run(binDirectory + "/initdb",
                                  ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                   "--locale=C", "--no-sync"],
                                  asPostgres: runAsPostgres, in: directory)
        guard initdb.status == 0 else {
            throw TestPostgresError("initdb failed (exit \(initdb.status)):\n\(initdb.output)")
        }

        // The port is free when chosen but could be taken before the server binds it; try again then.
        var lastFailure = ""
        var chosenPort: Int?
        for _ in 0..<3 {
            let candidate = try Self.freeLoopbackPort()
            // Durability is not wanted in a throwaway cluster; these make writes fast.
            let options = "-p \(candidate) -k \(directory) -c listen_addresses=127.0.0.1 "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            let start = try Self.run(binDirectory + "/pg_ctl",
                                     ["-D", dataDirectory, "-l", logFile, "-o", options, "-w", "-t", "60", "start"],
                                     asPostgres: runAsPostgres, in: directory, startsDaemon: true)
            if start.status == 0 {
                chosenPort = candidate
                break
            }
            lastFailure = "pg_ctl start failed (exit \(start.status)):\n\(start.output)\nserver log:\n"
                + ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "(unreadable)")
        }
        guard let chosenPort else { throw TestPostgresError(lastFailure) }
        port = chosenPort
        started = true
    }

    deinit {
        stop()
    }

    /// Stops the server (fast shutdown) and deletes its directory. Idempotent.
    public func stop() {
        let alreadyStopped = stopped.withLock { s in
            defer { s = true }
            return s
        }
        if alreadyStopped { return }
        let pgctl = binDirectory + "/pg_ctl"
        let fast = try? Self.run(pgctl, ["-D", dataDirectory, "-m", "fast", "-w", "-t", "30", "stop"],
                                 asPostgres: runAsPostgres, in: directory)
        if fast?.status != 0 {
            _ = try? Self.run(pgctl, ["-D", dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"],
                              asPostgres: runAsPostgres, in: directory)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// How to reach database `dbname` on this server.
    public func config(dbname: String) -> PostgresConfig {
        PostgresConfig(host: host, port: port, user: user, dbname: dbname, connectTimeout: 10,
                       applicationName: "flowc-tests")
    }

    /// Creates database `name` afresh (dropping an old one of that name) and returns its config.
    /// Give each test its own name so tests running in parallel do not meet.
    public func createDatabase(_ name: String) throws -> PostgresConfig {
        let admin = try PostgresConnection(config: config(dbname: "postgres"))
        defer { admin.close() }
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try admin.execute("drop database if exists \(quoted) with (force)")
        try admin.execute("create database \(quoted)")
        return config(dbname: name)
    }

    // MARK: One server per test process

    private static let sharedServer = Mutex<Result<TestPostgres, TestPostgresError>?>(nil)

    /// The server shared by every test in this process: started by the first caller (the others
    /// wait), stopped when the process exits. If it cannot start, every caller gets the same error.
    public static func shared() throws -> TestPostgres {
        try sharedServer.withLock { state -> Result<TestPostgres, TestPostgresError> in
            if let state { return state }
            let result: Result<TestPostgres, TestPostgresError>
            do {
                result = .success(try TestPostgres())
                atexit { TestPostgres.stopShared() }
            } catch let error as TestPostgresError {
                result = .failure(error)
            } catch {
                result = .failure(TestPostgresError("\(error)"))
            }
            state = result
            return result
        }.get()
    }

    private static func stopShared() {
        let server = sharedServer.withLock { state -> TestPostgres? in
            if case .success(let s) = state { return s }
            return nil
        }
        server?.stop()
    }

    // MARK: Helpers

    /// A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it).
    public static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPostgresError("socket() failed: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw TestPostgresError("bind(127.0.0.1:0) failed: \(String(cString: strerror(errno)))") }
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestPostgresError("getsockname failed: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// The directory holding initdb and pg_ctl: $FLOWC_TEST_PG_BIN, else the newest
    /// /usr/lib/postgresql/<version>/bin that has them.
    static func findBinaries() throws -> String {
        let fm = FileManager.default
        func hasBinaries(_ dir: String) -> Bool {
            fm.isExecutableFile(atPath: dir + "/initdb") && fm.isExecutableFile(atPath: dir + "/pg_ctl")
        }
        if let env = ProcessInfo.processInfo.environment["FLOWC_TEST_PG_BIN"], !env.isEmpty {
            guard hasBinaries(env) else {
                throw TestPostgresError("FLOWC_TEST_PG_BIN=\(env) has no initdb and pg_ctl; point it at the "
                                        + "PostgreSQL server binaries, or unset it and install the postgresql "
                                        + "package (apt-get install postgresql)")
            }
            return env
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? [])
            .sorted { (Int($0) ?? 0, $0) > (Int($1) ?? 0, $1) }
        for v in versions where hasBinaries("\(root)/\(v)/bin") {
            return "\(root)/\(v)/bin"
        }
        throw TestPostgresError("the PostgreSQL server binaries (initdb, pg_ctl) were not found in "
                                + "\(root)/<version>/bin; the PostgreSQL tests need them: install the "
                                + "postgresql package (apt-get install postgresql), or set "
                                + "FLOWC_TEST_PG_BIN to the directory that holds them")
    }

    /// Runs a program (as the postgres user through runuser when `asPostgres`), waits, and returns
    /// its exit status with its stdout and stderr (through a file, so a chatty program cannot fill
    /// a pipe and block).
    ///
    /// `startsDaemon`: the program leaves a process running after it exits (pg_ctl start leaves the
    /// server). On Linux, Foundation's Process learns that its child exited when a socket it passes
    /// to the child closes; a daemon inherits that socket and keeps it open, so `waitUntilExit`
    /// would wait for the server to stop (swift-corelibs-foundation issue #4795). So such a
    /// program runs through bash, which first closes every descriptor above stderr; that
    /// socket is the only one Process leaves open.
    static func run(_ executable: String, _ arguments: [String], asPostgres: Bool,
                    in directory: String, startsDaemon: Bool = false) throws -> (status: Int32, output: String) {
        var path = executable
        var args = arguments
        if asPostgres {
            guard let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw TestPostgresError("running as root needs runuser (util-linux) to start PostgreSQL as postgres")
            }
            path = runuser
            args = ["-u", "postgres", "--", executable] + arguments
        }
        if startsDaemon {
            args = ["-c", #"for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec "$@""#,
                    "bash", path] + args
            path = "/bin/bash"
        }
        let outputPath = directory + "/command-\(UUID().uuidString).out"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil),
              let output = FileHandle(forWritingAtPath: outputPath) else {
            throw TestPostgresError("could not create \(outputPath)")
        }
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            try? output.close()
            throw TestPostgresError("could not run \(path): \(error)")
        }
        process.waitUntilExit()
        try? output.close()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}
