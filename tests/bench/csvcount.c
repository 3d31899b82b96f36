/*
 * csvcount: the bare libcsv baseline — parse files and only count fields and
 * rows, nothing else. Usage: csvcount DELIM FILE...
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long long fields, rows;

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
	fields++;
}

static void on_row(int c, void *data)
{
	(void)c;
	(void)data;
	rows++;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: csvcount DELIM FILE...\n");
		return 64;
	}
	static char buf[1 << 18];
	for (int i = 2; i < argc; i++) {
		struct csv_parser p;
		csv_init(&p, CSV_APPEND_NULL);
		csv_set_delim(&p, (unsigned char)argv[1][0]);
		FILE *fp = fopen(argv[i], "rb");
		if (!fp) {
			perror(argv[i]);
			return 66;
		}
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n) {
				fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
				return 65;
			}
		csv_fini(&p, on_field, on_row, NULL);
		csv_free(&p);
		fclose(fp);
	}
	printf("%llu rows, %llu fields\n", rows, fields);
	return 0;
}
