/*
 * sha256: the register's fingerprints (FIPS 180-4). A document's file is
 * recorded with its SHA-256, and a document's content (what it says, not
 * its bytes) is compared by the SHA-256 of a canonical text of it.
 */
#ifndef CRMBATCH_SHA256_H
#define CRMBATCH_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lower-case hex digits and a NUL into hex[65]. */
void sha256_hex(struct sha256 *c, char hex[65]);

/* The CPU's SHA extensions are used when it has them (x86-64); 0 makes
 * this process use the portable rounds, 1 allows the extensions again.
 * For tests, which check that both give the same digests. */
void sha256_allow_cpu_extensions(int allow);

#endif
