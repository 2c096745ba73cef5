/** Step 4: who else can get in. General checks, plus the access log where the catalogue says there is one. */
export function AccountAccessStep({ portalName, accessLog, notes }: { portalName: string; accessLog: boolean; notes: string[] }) {
  return (
    <div data-testid="guide-account-access">
      <p>Look in {portalName}’s account or security settings for these. Not every portal has all of them; check the ones you find.</p>
      <ul>
        <li>
          <strong>Signed-in devices and sessions:</strong> sign out of any you do not recognise, and of shared or public computers. Remove “trusted” or “remembered” devices you no
          longer use.
        </li>
        <li>
          <strong>Proxy or delegate access:</strong> family members, carers or staff who can see your record. Remove anyone who should no longer have it.
        </li>
        <li>
          <strong>Connected apps:</strong> health apps or services you linked to the portal. Disconnect the ones you no longer use.
        </li>
        {accessLog && (
          <li data-testid="guide-access-log">
            <strong>Access log:</strong> {portalName} shows who has viewed your record. Look for views you do not expect, and ask your provider about them.
          </li>
        )}
        <li>
          <strong>Your contact details:</strong> check the email address and phone number, since codes and password resets go there.
        </li>
      </ul>
      {notes.length > 0 && (
        <>
          <h3>What Portal Guard knows about {portalName}</h3>
          <ul data-testid="guide-portal-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
