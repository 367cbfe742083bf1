package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

/**
 * The session store contract on the cookie backends ({@code SignedCookieSessionStore}, {@code
 * EncryptedCookieSessionStore}), run for each by a subclass. A cookie backend keeps nothing on the
 * server: the session key is the cookie value, which holds the record and changes at every save,
 * {@code exists} is always false, {@code delete} does nothing and {@code clearExpired} removes
 * nothing (as Django's {@code signed_cookies}). The contract's tests that assume a record kept on
 * the server are excluded by overriding them without {@code @Test}, each with the reason:
 *
 * <ul>
 *   <li>exists is always false for a cookie store (Django's signed_cookies); nothing is kept on the
 *       server:
 *       <ul>
 *         <li>{@code clearExpiredWithNothingExpiredRemovesNothing}
 *         <li>{@code clearExpiredRemovesExpiredRecordsAndKeepsLiveOnes}
 *         <li>{@code existsIsTrueForAStoredSessionAndFalseForUnknownNullAndMalformedKeys}
 *         <li>{@code maxAgeFromTheSettingsSetsTheDefaultExpiry}
 *         <li>{@code sessionPastTheDefaultExpiryIsNotLoadedAndDoesNotExist}
 *         <li>{@code sessionWithDurationExpiryLivesThatLongAfterItsLastSave}
 *         <li>{@code setExpiryAtBrowserCloseEndsTheCookieButTheServerKeepsTheDefaultAge}
 *         <li>{@code setExpiryWithInstantSetsTheExpiryDateAndMarksModified}
 *         <li>{@code deleteOfUnknownNullOrMalformedKeyDoesNothing}
 *         <li>{@code sessionDeleteRemovesItsOwnRecordAndDeleteWithKeyRemovesAnother}
 *         <li>{@code
 *             saveWithMustCreateWhenKeyExistsThrowsSessionKeyExistsExceptionAndDoesNotOverwrite}
 *       </ul>
 *   <li>the key is the cookie value, not 32 characters of [a-z0-9]:
 *       <ul>
 *         <li>{@code createStoresARecordUnderANewUniqueKey}
 *         <li>{@code saveOfNewSessionAssignsAFreshKeyAndStoresTheData}
 *         <li>{@code keysOfSavedSessionsAreAllDifferent}
 *         <li>{@code cycleKeyOfNewSessionGivesItAKeyAndKeepsTheData}
 *         <li>{@code openWithUnknownKeyGivesEmptySessionThatGetsAFreshKeyOnSave}
 *         <li>{@code openWithExpiredKeyGivesEmptySessionThatGetsAFreshKeyOnSave}
 *         <li>{@code
 *             cycleKeyKeepsTheDataUnderANewKeyDeletesTheOldRecordAndMarksAccessedAndModified}
 *         <li>{@code openWithMalformedOrNullKeyGivesEmptySessionThatGetsAFreshKeyOnSave}
 *       </ul>
 *   <li>every save yields a new key (the new cookie); reopening the old key gives the old data:
 *       <ul>
 *         <li>{@code clearRemovesAllDataKeepsTheKeyAndMarksAccessedAndModified}
 *         <li>{@code saveKeepsDataAlreadyInTheSessionWhenOnlyOneKeyWasPut}
 *         <li>{@code savedChangesAndRemovalsAreSeenWhenReopened}
 *         <li>{@code clearExpiryAfterBrowserCloseExpiryPersistsTheDefault}
 *       </ul>
 *   <li>a cookie cannot be deleted on the server (no revocation), so nothing is 'deleted
 *       elsewhere':
 *       <ul>
 *         <li>{@code deleteRemovesTheRecord}
 *         <li>{@code openWhenRecordIsDeletedBeforeFirstAccessSeesNoDataAndSavesUnderANewKey}
 *         <li>{@code
 *             saveOfChangedSessionWhoseRecordWasAlreadyGoneGetsAFreshKeyAndDoesNotResurrectTheOldOne}
 *         <li>{@code saveOfUnchangedSessionWhoseRecordWasAlreadyGoneWritesNothing}
 *         <li>{@code clearedSessionWhoseRecordWasAlreadyGoneWritesNothing}
 *         <li>{@code
 *             saveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt}
 *         <li>{@code
 *             mustCreateSaveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt}
 *         <li>{@code mergeNeverRecreatesARecordDeletedByAnotherRequest}
 *         <li>{@code listenerHearsEveryCreateLoadSaveAndDelete}
 *         <li>{@code listenersHearExactlyOneEventPerCreateSaveAndDelete}
 *       </ul>
 *   <li>two requests share no record to merge into: each writes its own cookie, the browser keeps
 *       the last:
 *       <ul>
 *         <li>{@code savesOfDifferentKeysByTwoRequestsBothSurvive}
 *         <li>{@code putOfTheSameKeyByTwoRequestsLeavesTheLaterSave}
 *         <li>{@code removeOfOneKeyAndPutOfAnotherByTwoRequestsBothTakeEffect}
 *         <li>{@code computeByTwoRequestsIsAppliedAgainToTheStoredValue}
 *         <li>{@code setDefaultByTwoRequestsKeepsTheValueSavedFirst}
 *         <li>{@code clearDiscardsWhatAnotherRequestSavedBeforeItButKeepsWhatItPutAfter}
 *         <li>{@code expiryChangedByOneRequestSurvivesAnotherRequestsSave}
 *         <li>{@code valueChangedInPlaceSurvivesAMergeWithAnotherRequestsSave}
 *         <li>{@code putThenComputeThatChangesItsArgumentInPlaceIsAppliedOnceWhenMerged}
 *       </ul>
 *   <li>no stored record to corrupt: a cookie is tampered with instead (see the cookie tests):
 *       <ul>
 *         <li>{@code corruptedStoredDataIsReplacedWhenTheSessionIsSaved}
 *         <li>{@code corruptedStoredDataLoadsAsAnEmptySessionAndNeverThrows}
 *       </ul>
 * </ul>
 *
 * <p>What these tests check server-side is checked for cookies, through the key each save returns,
 * in {@code dev.sessionkit.cookie.CookieSessionStoreTests}.
 */
abstract class CookieSessionStoreContractTests extends SessionStoreContractTests {

  @Test
  void aCookieStoreKeepsNoIndexOfPrincipals() {
    assertThat(store.capabilities().indexesPrincipals()).isFalse();
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> store.sessionsOf("alice", null));
  }

  @Override
  void corruptStoredData(String sessionKey, String rawData) {
    throw new UnsupportedOperationException("a cookie store keeps no record to corrupt");
  }

  /** False: a cookie store keeps nothing on the server. */
  @Override
  boolean isStored(String sessionKey) {
    return false;
  }

  /** A cookie store removes nothing: an expired cookie is refused when it comes back. */
  @Override
  boolean clearExpiredDeletesRecords() {
    return false;
  }

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void clearExpiredWithNothingExpiredRemovesNothing() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void clearExpiredRemovesExpiredRecordsAndKeepsLiveOnes() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void existsIsTrueForAStoredSessionAndFalseForUnknownNullAndMalformedKeys() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void maxAgeFromTheSettingsSetsTheDefaultExpiry() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void sessionPastTheDefaultExpiryIsNotLoadedAndDoesNotExist() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void sessionWithDurationExpiryLivesThatLongAfterItsLastSave() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void setExpiryAtBrowserCloseEndsTheCookieButTheServerKeepsTheDefaultAge() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void setExpiryWithInstantSetsTheExpiryDateAndMarksModified() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void deleteOfUnknownNullOrMalformedKeyDoesNothing() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void sessionDeleteRemovesItsOwnRecordAndDeleteWithKeyRemovesAnother() {}

  // Excluded: exists is always false for a cookie (as Django's signed_cookies).
  @Override
  void saveWithMustCreateWhenKeyExistsThrowsSessionKeyExistsExceptionAndDoesNotOverwrite() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void createStoresARecordUnderANewUniqueKey() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void saveOfNewSessionAssignsAFreshKeyAndStoresTheData() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void keysOfSavedSessionsAreAllDifferent() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void cycleKeyOfNewSessionGivesItAKeyAndKeepsTheData() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void openWithUnknownKeyGivesEmptySessionThatGetsAFreshKeyOnSave() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void openWithExpiredKeyGivesEmptySessionThatGetsAFreshKeyOnSave() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void cycleKeyKeepsTheDataUnderANewKeyDeletesTheOldRecordAndMarksAccessedAndModified() {}

  // Excluded: a cookie store's key is the cookie value, not 32 characters of [a-z0-9].
  @Override
  void openWithMalformedOrNullKeyGivesEmptySessionThatGetsAFreshKeyOnSave(String malformedKey) {}

  // Excluded: every save yields a new key; the old key still holds the old data.
  @Override
  void clearRemovesAllDataKeepsTheKeyAndMarksAccessedAndModified() {}

  // Excluded: every save yields a new key; the old key still holds the old data.
  @Override
  void saveKeepsDataAlreadyInTheSessionWhenOnlyOneKeyWasPut() {}

  // Excluded: every save yields a new key; the old key still holds the old data.
  @Override
  void savedChangesAndRemovalsAreSeenWhenReopened() {}

  // Excluded: every save yields a new key; the old key still holds the old data.
  @Override
  void clearExpiryAfterBrowserCloseExpiryPersistsTheDefault() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void deleteRemovesTheRecord() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void openWhenRecordIsDeletedBeforeFirstAccessSeesNoDataAndSavesUnderANewKey() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void saveOfChangedSessionWhoseRecordWasAlreadyGoneGetsAFreshKeyAndDoesNotResurrectTheOldOne() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void saveOfUnchangedSessionWhoseRecordWasAlreadyGoneWritesNothing() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void clearedSessionWhoseRecordWasAlreadyGoneWritesNothing() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void saveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void
      mustCreateSaveWhenRecordWasDeletedElsewhereThrowsSessionInterruptedExceptionAndDoesNotResurrectIt() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void mergeNeverRecreatesARecordDeletedByAnotherRequest() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void listenerHearsEveryCreateLoadSaveAndDelete() {}

  // Excluded: a cookie cannot be deleted on the server, so no record is ever deleted elsewhere.
  @Override
  void listenersHearExactlyOneEventPerCreateSaveAndDelete() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void savesOfDifferentKeysByTwoRequestsBothSurvive() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void putOfTheSameKeyByTwoRequestsLeavesTheLaterSave() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void removeOfOneKeyAndPutOfAnotherByTwoRequestsBothTakeEffect() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void computeByTwoRequestsIsAppliedAgainToTheStoredValue() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void setDefaultByTwoRequestsKeepsTheValueSavedFirst() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void clearDiscardsWhatAnotherRequestSavedBeforeItButKeepsWhatItPutAfter() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void expiryChangedByOneRequestSurvivesAnotherRequestsSave() {}

  // Excluded: two requests share no stored record to merge: the browser keeps the last cookie.
  @Override
  void valueChangedInPlaceSurvivesAMergeWithAnotherRequestsSave() {}

  // Excluded: two requests share no record to merge into.
  @Override
  void putThenComputeThatChangesItsArgumentInPlaceIsAppliedOnceWhenMerged() {}

  // Excluded: no stored record to corrupt; tampered cookies are tested in CookieSessionStoreTests.
  @Override
  void corruptedStoredDataIsReplacedWhenTheSessionIsSaved() {}

  // Excluded: no stored record to corrupt; tampered cookies are tested in CookieSessionStoreTests.
  @Override
  void corruptedStoredDataLoadsAsAnEmptySessionAndNeverThrows(String rawData) {}
}
