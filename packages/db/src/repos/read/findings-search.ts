/**
 * Text search over a tenant's findings: a finding matches when its title or rule id does, or its asset's id or name.
 * The candidates are read first (searchCandidates), then the page's filter is written for them (searchMatches).
 */
import { sql as fragment, type RawBuilder } from 'kysely';
import type { Sql } from '../../client.ts';
import { escapeLike } from './shared.ts';

/**
 * What a text search can match, read before the page: the rules whose (rule, title) pairs match (`finding_titles`, a
 * hundred-odd rows) and the assets whose id or name does (its trigram indexes). With the sets known, a search that
 * matches nothing reads no findings, and the page's statement is planned for the actual candidates: given them as
 * subqueries the planner guessed a tenth of the table (a rule's title, 1% of 1M findings, took 78 ms a page).
 * `assets` is undefined when more than SEARCH_ASSET_LIMIT assets match (a search for "arn:"), which is then matched
 * in the page's statement instead of sent back and forth.
 */
export interface SearchCandidates {
  rules: string[];
  assets: string[] | undefined;
}

/** The most matching assets a search sends back to the database as a list. */
export const SEARCH_ASSET_LIMIT = 5_000;

export async function searchCandidates(sql: Sql, tenantId: string, like: string): Promise<SearchCandidates> {
  const [row] = await sql.query<{ rules: string[]; assets: string[] }>(
    `SELECT ARRAY(SELECT DISTINCT t.rule_id FROM finding_titles t
                   WHERE t.tenant_id = $1 AND (t.title ILIKE $2 OR t.rule_id ILIKE $2)) AS rules,
            ARRAY(SELECT n.id FROM assets n WHERE n.tenant_id = $1 AND (n.name ILIKE $2 OR n.id ILIKE $2)
                  LIMIT ${SEARCH_ASSET_LIMIT + 1}) AS assets`,
    [tenantId, like],
  );
  const assets = row?.assets ?? [];
  return { rules: row?.rules ?? [], assets: assets.length > SEARCH_ASSET_LIMIT ? undefined : assets };
}

/** `%q%` for ILIKE, the search text's own wildcards escaped. */
export const likePattern = (q: string) => `%${escapeLike(q)}%`;

/**
 * A finding's own title or rule id matches the search. Each candidate finding is checked on its own: a rule's pair
 * matching does not mean all of its findings carry that title (a pair no finding carries any more only costs a look).
 */
export const titleMatches = (like: string) =>
  fragment<boolean>`(f.title ILIKE ${like} OR f.rule_id ILIKE ${like})`;

/** The text search's part of a filter, over the candidates read first (searchCandidates). */
export function searchMatches(
  tenantId: string,
  q: string,
  candidates: SearchCandidates | undefined,
): RawBuilder<boolean> {
  if (!candidates) throw new Error('a text search reads its candidates before its page');
  const like = likePattern(q);
  const { rules, assets } = candidates;
  if (assets)
    return fragment<boolean>`((f.rule_id = ANY(${rules}::text[]) AND ${titleMatches(like)})
      OR f.asset_id = ANY(${assets}::text[]))`;
  // More assets match than are worth a list: the matching ids first (an InitPlan), then the page among them. Left in
  // the main query as subqueries, the search made the planner walk the sort index and filter every row, as a LIMIT
  // with a hopeful estimate invites. Assets are matched in `assets` (its trigram indexes), not in
  // `findings.asset_id`: ARN trigrams are in nearly every finding, so a trigram match there read the whole table's
  // posting lists.
  return fragment<boolean>`f.id = ANY(ARRAY(
    SELECT m.id FROM findings m WHERE m.tenant_id = ${tenantId} AND (
      (m.rule_id = ANY(${rules}::text[]) AND (m.title ILIKE ${like} OR m.rule_id ILIKE ${like}))
      OR m.asset_id = ANY(ARRAY(SELECT n.id FROM assets n WHERE n.tenant_id = ${tenantId}
        AND (n.name ILIKE ${like} OR n.id ILIKE ${like}))))))`;
}
