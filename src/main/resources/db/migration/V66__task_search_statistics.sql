-- Full-text search plans depend on how many tasks PostgreSQL expects a search word to match.
-- With the default statistics target (100) ANALYZE keeps only the most common ~1,000 lexemes,
-- so a rare word is estimated at the frequency of the rarest tracked one: at 1,000,000 tasks a
-- word matching 200 tasks was estimated at 4,318, and the planner walked idx_tasks_due in list
-- order filtering every row (850 ms) instead of asking the GIN index (0.2 ms). A larger sample
-- makes the estimate right (227 for the same word); ANALYZE of 1,000,000 tasks takes ~3.5 s.
alter table tasks alter column search_vector set statistics 1000;
