/* issue: number, render, write, register (see include/issue.h). */
#include "issue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "xalloc.h"

void fingerprint_field(struct sha256 *c, const char *s)
{
	if (s)
		sha256_update(c, s, strlen(s));
	sha256_update(c, "\t", 1); /* fields never run into each other */
}

void fingerprint_num(struct sha256 *c, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	fingerprint_field(c, buf);
}

enum exit_code issue_document(struct issuer *is, const struct issue_info *info, struct document *doc,
			      enum issue_result *result, const char **number, struct diag *err)
{
	const struct reg_entry *prev = register_latest(is->reg, info->kind, info->source_ref);
	if (prev && strcmp(prev->content, info->content) == 0) {
		is->unchanged++;
		*result = UNCHANGED;
		if (number)
			*number = prev->number;
		return EXIT_OK;
	}
	struct reg_entry e;
	register_prepare(is->reg, info->kind, info->source_ref, is->date, is->cfg->numbering[info->kind], &e);
	doc->number = e.number;

	unsigned char *pdf;
	size_t len;
	enum exit_code rc = pdfdoc_render(is->cfg, doc, &pdf, &len, err);
	if (rc) {
		reg_entry_release(&e);
		return rc;
	}
	char name[128];
	pdfdoc_file_name(e.number, name, sizeof name);
	char *dir = xasprintf("%s/%s", is->output_dir, info->subdir);
	char *path = xasprintf("%s/%s.pdf", dir, name);
	if (!(rc = ensure_dir(dir, err)))
		rc = atomic_write(path, pdf, len, err);
	if (!rc) {
		struct sha256 c;
		char hex[65];
		sha256_init(&c);
		sha256_update(&c, pdf, len);
		sha256_hex(&c, hex);
		e.partner = xstrdup(info->partner ? info->partner : "");
		e.untaxed = info->untaxed;
		e.tax = info->tax;
		e.total = info->total;
		e.currency = xstrdup(is->cfg->currency);
		e.due_date = info->due_date;
		e.payment_state = xstrdup(info->payment_state ? info->payment_state : "");
		e.issued_by = xstrdup(is->user);
		e.file = xasprintf("%s/%s.pdf", info->subdir, name);
		e.sha256 = xstrdup(hex);
		e.content = xstrdup(info->content);
		rc = register_append(is->reg, &e, 1, err);
	}
	if (rc) {
		reg_entry_release(&e);
	} else {
		is->issued++;
		*result = ISSUED;
		if (number)
			*number = is->reg->v[is->reg->n - 1].number;
	}
	free(pdf);
	free(dir);
	free(path);
	return rc;
}
