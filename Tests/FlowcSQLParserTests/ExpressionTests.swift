import Testing
@testable import FlowcSQLParser

/// Expression shapes: precedence, postfix forms and special syntax, per dialect.
@Suite struct ExpressionTests {
    func pg(_ s: String) throws -> String { try SQLParser.parseExpression(s, syntax: .postgres).debugDescription }
    func lite(_ s: String) throws -> String { try SQLParser.parseExpression(s, syntax: .sqlite).debugDescription }

    @Test func arithmeticAndBooleanPrecedence() throws {
        #expect(try pg("a + b * c") == "(+ a (* b c))")
        #expect(try pg("(a + b) * c") == "(* (+ a b) c)")
        #expect(try pg("a - b - c") == "(- (- a b) c)")
        #expect(try pg("-a::int") == "(- (cast a int))")
        #expect(try pg("a = 1 or b = 2 and not c") == "(or (= a 1) (and (= b 2) (not c)))")
        #expect(try pg("not a = b") == "(not (= a b))")
        #expect(try pg("a is not null and b is distinct from c") == "(and (is not a null) (is b distinct from c))")
        #expect(try pg("2 ^ 3 * 4") == "(* (^ 2 3) 4)")
    }

    /// PostgreSQL's composite field selection: `(r).f1` is a field of the value r, where `r.f1`
    /// is the column f1 of the relation r.
    @Test func fieldOfAParenthesizedValue() throws {
        #expect(try pg("(r).f1") == "(field r f1)")
        #expect(try pg("(t.r).f1") == "(field t.r f1)")
        #expect(try pg("r.f1") == "r.f1")
    }

    @Test func concatenationBindsDifferentlyPerDialect() throws {
        // PostgreSQL: || is "any other operator", below + and -; SQLite: above * and /.
        #expect(try pg("a || b + c") == "(|| a (+ b c))")
        #expect(try lite("a || b + c") == "(+ (|| a b) c)")
        #expect(try lite("a == b") == "(= a b)")
    }

    @Test func predicates() throws {
        #expect(try pg("x between 1 and 2 and y") == "(and (between x 1 2) y)")
        #expect(try pg("x not between a and b") == "(not between x a b)")
        #expect(try pg("x not in (1, 2, 3)") == "(not in x 1 2 3)")
        #expect(try pg("x in (select 1)") == "(in x (subquery))")
        #expect(try pg("name ilike '%a%' escape '!'") == "(ilike name '%a%' escape:'!')")
        #expect(try pg("name not similar to 'a%'") == "(not similar to name 'a%')")
        #expect(try lite("name glob 'a*'") == "(glob name 'a*')")
        #expect(try lite("a is b") == "(is not a distinct from b)")
        #expect(try lite("a notnull") == "(is not a null)")
        #expect(try pg("x = any(array[1, 2])") == "(= x (any [1 2]))")
        #expect(try pg("x > all (select y from t)") == "(> x (all (subquery)))")
        #expect(try pg("exists (select 1 from t where t.a = b)") == "(exists)")
    }

    @Test func castsLiteralsAndTypes() throws {
        #expect(try pg("cast(a as numeric(10,2))") == "(cast a numeric(10, 2))")
        #expect(try pg("a::double precision") == "(cast a double precision)")
        #expect(try pg("cast(a as character varying(20))") == "(cast a character varying(20))")
        #expect(try pg("a::timestamp with time zone") == "(cast a timestamp with time zone)")
        #expect(try pg("a::text[]") == "(cast a text[])")
        #expect(try pg("date '2020-01-01'") == "date'2020-01-01'")
        #expect(try pg("interval '1 day'") == "interval'1 day'")
        #expect(try pg("interval '1' day") == "interval'1 day'")
        #expect(try pg("E'it\\'s'") == "'it's'")
        #expect(try pg("$$a 'b'$$") == "'a 'b''")
        #expect(try pg("$tag$x$tag$ || 'y'") == "(|| 'x' 'y')")
        #expect(try lite("X'00ff'") == "x'00ff'")
        #expect(try pg("1.5e3 + .5") == "(+ 1.5e3 .5)")
        #expect(try pg("'it''s'") == "'it's'")
    }

    @Test func functionsAndWindows() throws {
        #expect(try pg("count(*)") == "(count *)")
        #expect(try pg("count(distinct a)") == "(count distinct a)")
        #expect(try pg("count(*) filter (where a > 1)") == "(count * filter:(> a 1))")
        #expect(try pg("sum(x) over (partition by a, b order by c desc rows between unbounded preceding and current row)")
            == "(sum x over:(a b;c desc;rows unbounded preceding current row))")
        #expect(try pg("row_number() over w") == "(row_number over:(;))")
        #expect(try pg("string_agg(a, ',' order by b)") == "(string_agg a ',')")
        #expect(try pg("percentile_cont(0.5) within group (order by x)") == "(percentile_cont 0.5)")
        #expect(try pg("extract(year from created_at)") == "(extract 'year' created_at)")
        #expect(try pg("substring(name from 2 for 3)") == "(substring name 2 3)")
        #expect(try pg("position('a' in name)") == "(position 'a' name)")
        #expect(try pg("trim(both ' ' from name)") == "(trim ' ' name)")
        #expect(try pg("current_date - 1") == "(- (current_date) 1)")
        #expect(try pg("pg_catalog.now()") == "(pg_catalog.now)")
        #expect(try pg("coalesce(a, b, 0)") == "(coalesce a b 0)")
    }

    @Test func caseArraysJSONAndNames() throws {
        #expect(try pg("case when a > 0 then 'p' when a < 0 then 'n' else 'z' end")
            == "(case (when (> a 0) 'p') (when (< a 0) 'n') (else 'z'))")
        #expect(try pg("case status when 'a' then 1 end") == "(case status (when 'a' 1))")
        #expect(try pg("payload->>'id'") == "(->> payload 'id')")
        #expect(try pg("payload #>> '{a,b}'") == "(#>> payload '{a,b}')")
        #expect(try lite("payload ->> '$.id'") == "(->> payload '$.id')")
        #expect(try pg("tags[1]") == "(at tags 1)")
        #expect(try pg("tags[1:2]") == "(at tags 1:2)")
        #expect(try pg("(a, b)") == "(row a b)")
        #expect(try pg("\"Order Id\" + t.\"X\"") == "(+ \"Order Id\" t.\"X\")")
        #expect(try lite("[Order Id] + `y`") == "(+ \"Order Id\" \"y\")")
        #expect(try pg("ts at time zone 'UTC'") == "(at time zone ts 'UTC')")
        #expect(try pg("name collate \"C\"") == "(collate name C)")
        #expect(try pg("Upper(Name)") == "(upper name)")
    }

    @Test func errorsNameThePlace() throws {
        #expect(throws: SQLParseError.self) { try SQLParser.parseExpression("a +", syntax: .postgres) }
        do {
            _ = try SQLParser.parseExpression("case when a then b", syntax: .postgres)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "expected END, found the end of the query")
            #expect(error.hint == "close CASE with END")
        }
        do {
            _ = try SQLParser.parseExpression("'abc", syntax: .postgres)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unterminated string")
            #expect(error.span.start == 0)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: SQLParseError.self) { try SQLParser.parseExpression(deep, syntax: .postgres) }
        let minus = String(repeating: "- ", count: 3000) + "1"
        #expect(throws: SQLParseError.self) { try SQLParser.parseExpression(minus, syntax: .sqlite) }
    }
}
