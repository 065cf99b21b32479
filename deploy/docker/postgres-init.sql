-- One database per service (ARCHITECTURE.md): each service migrates its own on start.
CREATE DATABASE cpc_conference;
CREATE DATABASE cpc_scheduling;
CREATE DATABASE cpc_documents;
CREATE DATABASE cpc_notifications;
CREATE DATABASE cpc_console;
