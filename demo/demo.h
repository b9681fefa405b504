/* SPDX-License-Identifier: MIT */
/* The demo's parts (main.c, hyp.c). */
#ifndef DEMO_DEMO_H
#define DEMO_DEMO_H

/* Print one step and its result; a surprise counts as a failure. */
void step(const char *what, unsigned long got, unsigned long want);

/* The sample hypervisor: installed on every CPU, a protected write caught, torn down. */
void demo_hypervisor(void);

#endif
