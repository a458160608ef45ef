// Prints the index of the median run among Lighthouse JSON reports given as arguments, chosen by
// Lighthouse's own computeMedianRun (closest to the median first contentful paint and time to
// interactive), so bench/lighthouse.py does not re-implement it.
import { readFileSync } from "node:fs";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";

const runs = process.argv.slice(2).map((path) => JSON.parse(readFileSync(path, "utf8")));
process.stdout.write(String(runs.indexOf(computeMedianRun(runs))));
