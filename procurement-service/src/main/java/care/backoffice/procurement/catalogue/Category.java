package care.backoffice.procurement.catalogue;

/** A spending category and the expense account its purchases are booked to. */
public record Category(String code, String name, String expenseAccount, boolean freeTextAllowed) {}
