/*
 * pricing: how fast orders are priced. Ingests a generated day with the
 * catalog and the orders (as `crmbatch run` does), then times
 * orders_price() alone: order lines per second.
 * Usage: pricing CONFIG_DIR INPUT_DIR SCRATCH_DIR
 */
#include <stdio.h>
#include <time.h>

#include "catalog.h"
#include "config.h"
#include "ingest.h"
#include "orders.h"
#include "rejects.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: pricing CONFIG_DIR INPUT_DIR SCRATCH_DIR\n");
		return 64;
	}
	struct config cfg;
	struct diag err = { "" };
	struct rejects *rj;
	struct ingest in;
	struct catalog cat;
	struct orders os;
	if (config_load(&cfg, argv[1], &err) || rejects_open(&rj, argv[3], 1, &err)) {
		fprintf(stderr, "pricing: %s\n", err.msg);
		return 1;
	}
	ingest_init(&in, &cfg, rj, argv[2]);
	catalog_init(&cat, &cfg);
	orders_init(&os, &cfg, &cat, rj, argv[2], ~0u, 1);
	orders_attach(&os, &in);
	catalog_attach(&cat, &in);
	double t0 = now();
	if (ingest_run(&in, &err)) {
		fprintf(stderr, "pricing: %s\n", err.msg);
		return 1;
	}
	double t1 = now();
	orders_price(&os, &in);
	double t2 = now();
	long lines = 0;
	for (size_t i = 0; i < os.n; i++)
		lines += (long)os.v[i].nlines;
	printf("  %-34s %7.2f s %10.0f lines/s (%ld lines, %zu orders; reading them took %.2f s)\n",
	       "pricing (orders_price alone)", t2 - t1, (double)lines / (t2 - t1), lines, os.n, t1 - t0);
	rejects_close(rj, &err);
	orders_release(&os);
	catalog_release(&cat);
	ingest_release(&in);
	config_release(&cfg);
	return 0;
}
