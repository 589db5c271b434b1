package io.workerplatform.signatures;

/** A provider event about one signer, named by the platform's signer id (the contact id). */
public record SignerEvent(String signerId) {}
