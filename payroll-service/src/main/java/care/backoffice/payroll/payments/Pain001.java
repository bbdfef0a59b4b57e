package care.backoffice.payroll.payments;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Net pay as an ISO 20022 customer credit transfer initiation, pain.001.001.03 (the version UK banks' bulk
 * channels take most widely, reference §7): one payment information block debiting our account, one transaction per
 * colleague; UK accounts are named by sort code (clearing system GBDSC) and account number, as banks' UK profiles
 * ask. The number of transactions and the control sum appear in the group header and the block, as the schema
 * requires. Written with StAX: prowide's pw-iso20022 would add tens of megabytes for one message type.
 * Bank-specific profile rules (service level, local instrument) are not set: ask the chosen bank.
 */
public final class Pain001 {

    private static final String NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

    private Pain001() {}

    public static String write(String messageId, OffsetDateTime created, LocalDate executionDate,
            BacsStandard18.Originator from, List<BacsStandard18.Credit> credits) {
        BigDecimal total = credits.stream().map(BacsStandard18.Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("Document");
            x.writeDefaultNamespace(NS);
            x.writeStartElement("CstmrCdtTrfInitn");
            x.writeStartElement("GrpHdr");
            el(x, "MsgId", messageId);
            el(x, "CreDtTm", created.withNano(0).toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
            el(x, "NbOfTxs", Integer.toString(credits.size()));
            el(x, "CtrlSum", total.toPlainString());
            x.writeStartElement("InitgPty");
            el(x, "Nm", from.name());
            x.writeEndElement();
            x.writeEndElement();
            x.writeStartElement("PmtInf");
            el(x, "PmtInfId", messageId);
            el(x, "PmtMtd", "TRF");
            el(x, "BtchBookg", "true");
            el(x, "NbOfTxs", Integer.toString(credits.size()));
            el(x, "CtrlSum", total.toPlainString());
            x.writeStartElement("PmtTpInf");
            x.writeStartElement("CtgyPurp");
            el(x, "Cd", "SALA");
            x.writeEndElement();
            x.writeEndElement();
            el(x, "ReqdExctnDt", executionDate.toString());
            party(x, "Dbtr", from.name());
            account(x, "DbtrAcct", from.accountNumber());
            agent(x, "DbtrAgt", from.sortCode());
            el(x, "ChrgBr", "SLEV");
            int i = 0;
            for (BacsStandard18.Credit c : credits) {
                i++;
                x.writeStartElement("CdtTrfTxInf");
                x.writeStartElement("PmtId");
                el(x, "EndToEndId", messageId + "-" + i);
                x.writeEndElement();
                x.writeStartElement("Amt");
                x.writeStartElement("InstdAmt");
                x.writeAttribute("Ccy", "GBP");
                x.writeCharacters(c.amount().setScale(2).toPlainString());
                x.writeEndElement();
                x.writeEndElement();
                agent(x, "CdtrAgt", c.sortCode());
                party(x, "Cdtr", c.accountName());
                account(x, "CdtrAcct", c.accountNumber());
                x.writeStartElement("RmtInf");
                el(x, "Ustrd", c.reference());
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void party(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        el(x, "Nm", value);
        x.writeEndElement();
    }

    private static void account(XMLStreamWriter x, String name, String number) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeStartElement("Id");
        x.writeStartElement("Othr");
        el(x, "Id", number);
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    /** A UK bank by its sort code: clearing system GBDSC. */
    private static void agent(XMLStreamWriter x, String name, String sortCode) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeStartElement("FinInstnId");
        x.writeStartElement("ClrSysMmbId");
        x.writeStartElement("ClrSysId");
        el(x, "Cd", "GBDSC");
        x.writeEndElement();
        el(x, "MmbId", sortCode);
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void el(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
