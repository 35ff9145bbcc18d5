-- The messages' HNSW index (V1) goes. Search reads a long window from the IVFFlat index (V9), which a recurring job now
-- builds once 10,000 messages are embedded and rebuilds as they grow fourfold (VectorLists); a shorter window, and a long
-- one before that index exists, is sorted exactly or ranked from the binary codes (V11). Nothing read the HNSW index
-- then, and it was most of the database's cost of an embedding: at 100,000 messages storing one took 3.6-4.2 ms of
-- PostgreSQL CPU with it against 0.4-0.5 without, and every later write of an embedded message's attrs (never a HOT
-- update) inserted it into the graph again, 2.5-2.8 ms against 0.48. docs_chunks keeps its HNSW index.
drop index if exists messages_embedding;
