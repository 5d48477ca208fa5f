/** The knowledge base the demo starts with: short help-centre articles for a small subscription business. */
export const SAMPLE_ARTICLES: { title: string; body: string }[] = [
  {
    title: "Resetting your password",
    body: 'To reset your password, open the sign-in page and choose "Forgot password". Enter the email address on your account and we send a reset link that is valid for 60 minutes. If the reset email never arrives, check your spam or junk folder and make sure the address matches the one on your account. Reset emails come from no-reply@acme.example; add it to your contacts if your provider filters it. You can request a new link after five minutes.',
  },
  {
    title: "Changing the billing email on your account",
    body: "Account owners can change the billing email under Settings → Billing → Billing contact. Enter the new billing email address and save; invoices and receipts go to the new address from the next billing cycle. Only the account owner can change the billing email. If you no longer have access to the owner login, a person on our team can verify your identity and change it for you.",
  },
  {
    title: "Delivery times and tracking your order",
    body: "Orders ship within one business day. Standard delivery takes 3 to 5 business days and express delivery 1 to 2 business days. Every order gets a tracking link by email as soon as it ships; you can also track your order from Account → Orders with your order number. If your order is late by more than two business days, reply with your order number and we open an investigation with the carrier.",
  },
  {
    title: "Opening hours and how to reach us",
    body: "Our support team is open Monday to Friday, 8am to 6pm Eastern time, and Saturday 10am to 2pm. Phone calls and voicemails left outside opening hours are answered the next business day. Email and chat messages are answered within four business hours.",
  },
  {
    title: "Cancelling your subscription",
    body: "You can cancel your subscription at any time under Settings → Billing → Cancel subscription. Your plan stays active until the end of the current billing period and you are not charged again. Annual plans cancelled within 30 days of renewal are refunded in full. Your data is kept for 90 days after cancellation in case you come back.",
  },
  {
    title: "Updating your payment card",
    body: 'To update the card we charge, go to Settings → Billing → Payment method and choose "Update card". The new card is used for the next invoice. If a payment failed, update the card and we retry the charge automatically within 24 hours. For your security we never take card numbers over the phone or by email.',
  },
  {
    title: "Refunds and duplicate charges",
    body: "If you see a duplicate charge, it is usually a pending authorisation that disappears within 3 business days. Charges that remain after that are refunded by our billing team once they confirm the duplicate; refunds reach your card in 5 to 10 business days. Refund requests need a person on the billing team to approve them.",
  },
];
