-- A message's embedding (1,544 bytes at 384 dimensions) kept in its row rather than in the TOAST table: PostgreSQL moves
-- the widest value of a row over ~2 kB out of line, and a message with its attrs, words and embedding is ~2.2 kB at the
-- median (`bench reply`), so most embeddings were read through the TOAST index and heap, 3-4 more pages each, by every
-- ranking that computes distances (the exact sort of a small window, the re-ranking of the binary codes' and IVFFlat
-- candidates). A week of `bench reply`'s channel sorted exactly: 3,385 buffers and 10-57 ms at load 14 before, 485 and
-- 4-12 ms after (psql); the runbook's REACT stage p50 35-36 -> 27-30 ms in three alternating pairs (load 10-13).
-- Rows up to 4 kB stay whole; a longer message's attrs (its widest value) still go out of line first. Rows written
-- before this keep their out-of-line embedding until rewritten (re-embedded, or VACUUM FULL).
alter table messages set (toast_tuple_target = 4080);
