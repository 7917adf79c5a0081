"""The newsroom: units submit items, editors edit and compile issues, reviewers and signers
approve them, and every step is audited."""
