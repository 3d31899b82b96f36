/*
 * rights: who is acting, and what they may do.
 *
 * The acting user is the operating-system account running crmbatch, looked
 * up among the config's [user LOGIN] sections; an account the config does
 * not know acts as [users] default_user when the config has one (a
 * convenience of the sample). Nothing in a CSV or on the command line can
 * change who is acting.
 */
#ifndef CRMBATCH_RIGHTS_H
#define CRMBATCH_RIGHTS_H

#include "config.h"
#include "diag.h"

/* Finds the acting user. EXIT_NOPERM when the account is unknown and the
 * config has no default_user. With as_login (--user), an account whose user
 * has the admin role acts as that user instead; anyone else is refused. */
enum exit_code rights_acting_user(const struct config *cfg, const char *as_login, const struct user **out,
				  struct diag *err);

/* Non-zero when u holds role (admin holds every role). */
int rights_has(const struct user *u, enum role role);

#endif
