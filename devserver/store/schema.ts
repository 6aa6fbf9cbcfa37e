// The devserver's tables. Versioned with PRAGMA user_version so a data file from an older
// devserver is refused with a clear message instead of being misread.

export const SCHEMA_VERSION = 1;

export const DDL = `
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY,
  nickname TEXT NOT NULL DEFAULT '',
  face_url TEXT NOT NULL DEFAULT '',
  ex TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  app_manger_level INTEGER NOT NULL DEFAULT 0,
  global_recv_msg_opt INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  platform_id INTEGER NOT NULL,
  state INTEGER NOT NULL,          -- 0 normal, 2 kicked (OpenIM's Redis token states)
  expire_at INTEGER NOT NULL       -- unix seconds
);
CREATE INDEX IF NOT EXISTS tokens_user_platform ON tokens (user_id, platform_id);
CREATE TABLE IF NOT EXISTS conversations (
  owner_user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  conversation_type INTEGER NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  group_id TEXT NOT NULL DEFAULT '',
  recv_msg_opt INTEGER NOT NULL DEFAULT 0,
  is_pinned INTEGER NOT NULL DEFAULT 0,
  attached_info TEXT NOT NULL DEFAULT '',
  is_private_chat INTEGER NOT NULL DEFAULT 0,
  group_at_type INTEGER NOT NULL DEFAULT 0,
  ex TEXT NOT NULL DEFAULT '',
  burn_duration INTEGER NOT NULL DEFAULT 0,
  msg_destruct_time INTEGER NOT NULL DEFAULT 604800,
  latest_msg_destruct_time INTEGER NOT NULL DEFAULT 0,
  is_msg_destruct INTEGER NOT NULL DEFAULT 0,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (owner_user_id, conversation_id)
);
CREATE TABLE IF NOT EXISTS seq_conversation (
  conversation_id TEXT PRIMARY KEY,
  max_seq INTEGER NOT NULL,
  min_seq INTEGER NOT NULL DEFAULT 0,   -- raised when a conversation is cleared for everyone
  max_seq_time INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seq_user (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  min_seq INTEGER NOT NULL DEFAULT 0,
  max_seq INTEGER NOT NULL DEFAULT 0,   -- upper bound of the user's window; 0 = none
  read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, conversation_id)
);
CREATE TABLE IF NOT EXISTS messages (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  client_msg_id TEXT NOT NULL,
  send_id TEXT NOT NULL,
  body BLOB NOT NULL,              -- the stored sdkws.MsgData, protobuf-encoded
  revoked INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, seq)
);
CREATE TABLE IF NOT EXISTS message_user_deletes (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (user_id, conversation_id, seq)
);
CREATE TABLE IF NOT EXISTS sent_acks (
  send_id TEXT NOT NULL,
  client_msg_id TEXT NOT NULL,
  server_msg_id TEXT NOT NULL,
  send_time INTEGER NOT NULL,
  PRIMARY KEY (send_id, client_msg_id)
);
CREATE TABLE IF NOT EXISTS conversation_versions (
  user_id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS conversation_version_log (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  insert_version INTEGER NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
);
CREATE TABLE IF NOT EXISTS groups (
  group_id TEXT PRIMARY KEY,
  group_name TEXT NOT NULL DEFAULT '',
  notification TEXT NOT NULL DEFAULT '',
  introduction TEXT NOT NULL DEFAULT '',
  face_url TEXT NOT NULL DEFAULT '',
  owner_user_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  ex TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL DEFAULT 0,
  creator_user_id TEXT NOT NULL,
  group_type INTEGER NOT NULL,
  need_verification INTEGER NOT NULL DEFAULT 0,
  look_member_info INTEGER NOT NULL DEFAULT 0,
  apply_member_friend INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS group_members (
  group_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role_level INTEGER NOT NULL,     -- 100 owner, 60 admin, 20 member
  join_time INTEGER NOT NULL,
  nickname TEXT NOT NULL DEFAULT '',
  face_url TEXT NOT NULL DEFAULT '',
  join_source INTEGER NOT NULL,
  operator_user_id TEXT NOT NULL DEFAULT '',
  ex TEXT NOT NULL DEFAULT '',
  mute_end_time INTEGER NOT NULL DEFAULT 0,
  inviter_user_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX IF NOT EXISTS group_members_user ON group_members (user_id);
CREATE TABLE IF NOT EXISTS friends (
  owner_user_id TEXT NOT NULL,
  friend_user_id TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  add_source INTEGER NOT NULL,     -- 1 import (admin), 2 application
  operator_user_id TEXT NOT NULL DEFAULT '',
  ex TEXT NOT NULL DEFAULT '',
  is_pinned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (owner_user_id, friend_user_id)
);
CREATE INDEX IF NOT EXISTS friends_friend ON friends (friend_user_id);
CREATE TABLE IF NOT EXISTS client_config (
  user_id TEXT NOT NULL,           -- '' = applies to everyone
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);
`;
