/* csvread: RFC 4180 edge cases, dialects, encodings and line numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "suites.h"

/* Records are collected as "first-last:field|field;" and problems as
 * "!first-last;" so a whole file's reading compares as one string. */
struct collect {
	char out[8192];
	int field_lines; /* also show each field's line: "3@field" */
};

static int on_row(void *ctx, const struct csv_row *r)
{
	struct collect *c = ctx;
	size_t n = strlen(c->out);
	n += (size_t)snprintf(c->out + n, sizeof c->out - n, "%ld-%ld:", r->first_line, r->last_line);
	for (size_t i = 0; i < r->n; i++) {
		if (c->field_lines)
			n += (size_t)snprintf(c->out + n, sizeof c->out - n, "%ld@", r->line[i]);
		n += (size_t)snprintf(c->out + n, sizeof c->out - n, "%s%s", r->field[i], i + 1 < r->n ? "|" : "");
	}
	snprintf(c->out + n, sizeof c->out - n, ";");
	return 0;
}

static int on_bad(void *ctx, long first, long last, const char *reason)
{
	struct collect *c = ctx;
	(void)reason;
	size_t n = strlen(c->out);
	snprintf(c->out + n, sizeof c->out - n, "!%ld-%ld;", first, last);
	return 0;
}

static const char *read_str(const char *content, size_t len, struct csv_stats *st, int field_lines)
{
	static struct collect c;
	memset(&c, 0, sizeof c);
	c.field_lines = field_lines;
	struct csv_reader_ops ops = { on_row, on_bad, NULL, &c };
	struct diag err;
	const char *path = write_temp("read.csv", content, len);
	ck_assert_int_eq(csv_read_file(path, &ops, st, &err), EXIT_OK);
	remove(path);
	return c.out;
}

#define S(lit) lit, sizeof(lit) - 1

static const struct {
	const char *name;
	const char *in;
	size_t len;
	const char *want;
	char delim;
} cases[] = {
	{ "plain LF", S("a,b\n1,2\n"), "1-1:a|b;2-2:1|2;", ',' },
	{ "CRLF", S("a,b\r\n1,2\r\n"), "1-1:a|b;2-2:1|2;", ',' },
	{ "no final newline", S("a,b\n1,2"), "1-1:a|b;2-2:1|2;", ',' },
	{ "quoted delimiter", S("a,b\n\"x,y\",2\n"), "1-1:a|b;2-2:x,y|2;", ',' },
	{ "doubled quotes", S("a,b\n\"say \"\"hi\"\"\",2\n"), "1-1:a|b;2-2:say \"hi\"|2;", ',' },
	{ "empty fields", S("a,b,c\n,,3\n\"\",x,\n"), "1-1:a|b|c;2-2:||3;3-3:|x|;", ',' },
	{ "line break in quotes", S("a,b\n\"l1\nl2\",2\n3,4\n"), "1-1:a|b;2-3:l1\nl2|2;4-4:3|4;", ',' },
	{ "CRLF inside quotes", S("a,b\r\n\"l1\r\nl2\",2\r\n3,4\r\n"), "1-1:a|b;2-3:l1\r\nl2|2;4-4:3|4;", ',' },
	{ "blank lines skipped", S("a,b\n\n1,2\n\r\n\n3,4\n"), "1-1:a|b;3-3:1|2;6-6:3|4;", ',' },
	{ "blanks trimmed outside quotes", S("a,b\n  x  ,\"  y  \"\n"), "1-1:a|b;2-2:x|  y  ;", ',' },
	{ "semicolon", S("a;b;c\n1,5;2;3\n"), "1-1:a|b|c;2-2:1,5|2|3;", ';' },
	{ "tab", S("a\tb\n1\t2\n"), "1-1:a|b;2-2:1|2;", '\t' },
	{ "Excel sep= line", S("sep=;\na;b\n1,5;2\n"), "2-2:a|b;3-3:1,5|2;", ';' },
	{ "Excel sep= line CRLF", S("sep=,\r\na;b,c\r\n"), "2-2:a;b|c;", ',' },
	{ "semicolon in quoted comma header", S("\"a;x\",b,c\n1,2,3\n"), "1-1:a;x|b|c;2-2:1|2|3;", ',' },
	{ "UTF-8 BOM", S("\xEF\xBB\xBFnom;ville\nA;B\n"), "1-1:nom|ville;2-2:A|B;", ';' },
	{ "Windows-1252", S("nom;ville\nH\xE9l\xE8ne;\x80\n"), "1-1:nom|ville;2-2:H\xC3\xA9l\xC3\xA8ne|\xE2\x82\xAC;", ';' },
	{ "bad quote then good rows", S("a,b\n1,x\"y\n2,3\n"), "1-1:a|b;!2-2;3-3:2|3;", ',' },
	{ "text after closing quote", S("a,b\n\"x\"y,1\n2,3\n"), "1-1:a|b;!2-2;3-3:2|3;", ',' },
	{ "unterminated quote at end", S("a,b\n1,2\n\"open,3\n4,5\n"), "1-1:a|b;2-2:1|2;!3-4;", ',' },
	{ "header only", S("a,b\n"), "1-1:a|b;", ',' },
	{ "empty file", S(""), "", ',' },
};

START_TEST(test_cases)
{
	struct csv_stats st;
	const char *got = read_str(cases[_i].in, cases[_i].len, &st, 0);
	ck_assert_msg(strcmp(got, cases[_i].want) == 0, "%s: got '%s', want '%s'", cases[_i].name, got, cases[_i].want);
	if (cases[_i].len)
		ck_assert_msg(st.delim == cases[_i].delim, "%s: delimiter '%c'", cases[_i].name, st.delim);
}
END_TEST

START_TEST(test_field_lines)
{
	/* The field after a multi-line one starts on the line where it ended. */
	const char *got = read_str(S("a,b,c\nx,\"1\n2\n3\",y\nz,w,v\n"), NULL, 1);
	ck_assert_str_eq(got, "1-1:1@a|1@b|1@c;2-4:2@x|2@1\n2\n3|4@y;5-5:5@z|5@w|5@v;");
}
END_TEST

START_TEST(test_encodings_reported)
{
	struct csv_stats st;
	read_str(S("a\nx\n"), &st, 0);
	ck_assert_int_eq(st.encoding, CSV_ENC_UTF8);
	read_str(S("\xEF\xBB\xBF" "a\nx\n"), &st, 0);
	ck_assert_int_eq(st.encoding, CSV_ENC_UTF8_BOM);
	read_str(S("a\n\xE9\n"), &st, 0);
	ck_assert_int_eq(st.encoding, CSV_ENC_CP1252);
	ck_assert_int_eq(st.lines, 2);
	ck_assert_int_eq(st.records, 2);
}
END_TEST

/* Line numbers stay exact across the reader's 256 KiB blocks. */
struct big_check {
	long rows, errors;
};

static int big_row(void *ctx, const struct csv_row *r)
{
	struct big_check *b = ctx;
	if (r->index == 0)
		return 0;
	/* Row k (1-based) starts on line 1 + 2(k-1) + 1 and spans two lines. */
	long want = 2 + 2 * (r->index - 1);
	char id[32];
	snprintf(id, sizeof id, "%ld", r->index);
	if (r->first_line != want || r->last_line != want + 1 || r->n != 3 ||
	    strcmp(r->field[0], id) != 0 || r->line[2] != want + 1)
		b->errors++;
	b->rows++;
	return 0;
}

START_TEST(test_large_file_lines)
{
	size_t cap = 64 << 20, n = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	n += (size_t)sprintf(buf + n, "id,text,tail\n");
	const long rows = 50000;
	for (long k = 1; k <= rows; k++)
		n += (size_t)sprintf(buf + n, "%ld,\"first, line %ld\r\nsecond \"\"line\"\"\",end\r\n", k, k);
	struct big_check b = { 0, 0 };
	struct csv_reader_ops ops = { big_row, NULL, NULL, &b };
	struct csv_stats st;
	struct diag err;
	const char *path = write_temp("big.csv", buf, n);
	free(buf);
	ck_assert_int_eq(csv_read_file(path, &ops, &st, &err), EXIT_OK);
	remove(path);
	ck_assert_int_eq(b.rows, rows);
	ck_assert_int_eq(b.errors, 0);
	ck_assert_int_eq(st.lines, 1 + 2 * rows);
}
END_TEST

static int stop_at_3000(void *ctx, const struct csv_row *r)
{
	long *seen = ctx;
	*seen = r->index;
	return r->index == 3000 ? 73 : 0;
}

START_TEST(test_callback_stops)
{
	/* A callback's non-zero return stops the reading (across the reader
	 * thread's batches) and comes back as the result. */
	size_t cap = 8 << 20, n = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	n += (size_t)sprintf(buf + n, "a,b\n");
	for (long k = 1; k <= 200000; k++)
		n += (size_t)sprintf(buf + n, "%ld,x\n", k);
	long seen = 0;
	struct csv_reader_ops ops = { stop_at_3000, NULL, NULL, &seen };
	struct diag err;
	const char *path = write_temp("stop.csv", buf, n);
	free(buf);
	ck_assert_int_eq(csv_read_file(path, &ops, NULL, &err), 73);
	remove(path);
	ck_assert_int_eq(seen, 3000);
}
END_TEST

START_TEST(test_missing_file)
{
	struct csv_reader_ops ops = { on_row, on_bad, NULL, NULL };
	struct diag err;
	ck_assert_int_eq(csv_read_file("/nonexistent/x.csv", &ops, NULL, &err), EXIT_NOINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.csv: cannot open"));
}
END_TEST

Suite *csvread_suite(void)
{
	Suite *s = suite_create("csvread");
	TCase *tc = tcase_create("csvread");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_cases, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, test_field_lines);
	tcase_add_test(tc, test_encodings_reported);
	tcase_add_test(tc, test_large_file_lines);
	tcase_add_test(tc, test_callback_stops);
	tcase_add_test(tc, test_missing_file);
	suite_add_tcase(s, tc);
	return s;
}
