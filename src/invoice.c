/* invoice: the model of one invoice (see include/invoice.h). */
#include "invoice.h"

#include <stdlib.h>
#include <string.h>

const char *invoice_process(const struct invoice *inv)
{
	return inv->goods && inv->services ? "M1" : inv->services ? "S1" : "B1";
}

void invoice_release(struct invoice *inv)
{
	for (size_t i = 0; inv->lines && i < inv->nlines; i++)
		free(inv->lines[i].own_description);
	free(inv->lines);
	free(inv->corrects);
	free(inv->penalty_note);
	free(inv->escompte_note);
	memset(inv, 0, sizeof *inv);
}
